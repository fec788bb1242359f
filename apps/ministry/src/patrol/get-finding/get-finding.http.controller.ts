import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '@simpul/audit';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import { FINDING_SUBJECT_REFS_SQL, type FindingView } from '../finding.view.js';
import { GetFindingService } from './get-finding.service.js';

@ApiTags('patrol')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/patrol/findings')
export class GetFindingHttpController {
  constructor(@Inject(GetFindingService) private readonly findings: GetFindingService) {}

  @Get(':id')
  @AuditedRead({
    recordType: 'patrol_finding',
    action: 'patrol_finding.read',
    subjectRefs: async (answer, manager) => {
      const rows: Array<{ ref: string }> = await manager.query(FINDING_SUBJECT_REFS_SQL, [
        [(answer as FindingView).findingId],
      ]);
      return rows.map((r) => r.ref);
    },
  })
  @ApiOperation({
    summary:
      'One cyber patrol finding with its account handle and phone numbers, and caseIds = the cases linked now.',
  })
  @ApiResponse({ status: 404, description: 'MINISTRY.PATROL_FINDING_NOT_FOUND' })
  get(@Param('id') id: string): Promise<FindingView> {
    return this.findings.get(id);
  }
}
