import { Body, Controller, Headers, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUnit, type Unit } from '@simpul/http';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import {
  MAX_NOTE_LENGTH,
  MAX_VICTIMS_ASSISTED,
  MIN_VICTIMS_ASSISTED,
  REPORT_OUTCOMES,
} from '../dispatch.rules.js';
import { ReportDispatchService, type ReportResult } from './report-dispatch.service.js';

@ApiTags('dispatches')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/dispatches')
export class ReportDispatchHttpController {
  constructor(@Inject(ReportDispatchService) private readonly reports: ReportDispatchService) {}

  @Post(':id/report')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record what a dispatched team found (once per dispatch).' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['outcome'],
      additionalProperties: false,
      properties: {
        outcome: { type: 'string', enum: [...REPORT_OUTCOMES] },
        victimsAssisted: {
          type: 'integer',
          minimum: MIN_VICTIMS_ASSISTED,
          maximum: MAX_VICTIMS_ASSISTED,
          description: 'Required with victims_assisted, refused with any other outcome.',
        },
        note: {
          type: 'string',
          maxLength: MAX_NOTE_LENGTH,
          description: 'Free text; stored only encrypted, never shown in lists or logs.',
        },
      },
    },
  })
  @ApiOkResponse({
    description:
      '{ dispatchId, outcome, victimsAssisted, reportedAt }. 400 VALIDATION_FAILED; 404 MINISTRY.DISPATCH_NOT_FOUND; ' +
      '409 MINISTRY.DISPATCH_ALREADY_REPORTED.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key returns the first result; another request under it is 409',
  })
  report(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUnit() unit: Unit,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<ReportResult> {
    return this.reports.report(id, body, { unitId: unit.id, key: idempotencyKey });
  }
}
