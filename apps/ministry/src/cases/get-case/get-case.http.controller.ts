import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import { GetCaseService, type CaseView } from './get-case.service.js';

@ApiTags('cases')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/cases')
export class GetCaseHttpController {
  constructor(@Inject(GetCaseService) private readonly cases: GetCaseService) {}

  @Get(':id')
  @ApiOperation({
    summary:
      'A case with the ids of its linked events, alerts, entries, checkpoint matches and departure delays (no personal data).',
  })
  get(@Param('id') id: string): Promise<CaseView> {
    return this.cases.get(id);
  }
}
