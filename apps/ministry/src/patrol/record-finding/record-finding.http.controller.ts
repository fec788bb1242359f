import { Body, Controller, Headers, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { MINISTRY_PATROL_FINDING_RECORDED_V1 } from '@simpul/contracts';
import { bodySchemaFor, CurrentUnit, type Unit } from '@simpul/http';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import { GENERATED_FINDING_FIELDS } from '../patrol.rules.js';
import { RecordFindingService, type RecordedFinding } from './record-finding.service.js';

@ApiTags('patrol')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/patrol/findings')
export class RecordFindingHttpController {
  constructor(@Inject(RecordFindingService) private readonly findings: RecordFindingService) {}

  /** 201 `{ id, eventId, caseIds }`; 400 naming every bad field (findingId, recordedAt and caseIds are the ministry's). */
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Record a cyber patrol finding (published as ministry.patrol.finding.recorded.v1), linked to the cases sharing a phone number or the placement company.',
  })
  @ApiBody({ schema: bodySchemaFor(MINISTRY_PATROL_FINDING_RECORDED_V1, GENERATED_FINDING_FIELDS) })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key returns the first result; another request under it is 409',
  })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED naming each bad field and its rule' })
  record(
    @Body() body: unknown,
    @CurrentUnit() unit: Unit,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<RecordedFinding> {
    return this.findings.record(body, unit.id, idempotencyKey);
  }
}
