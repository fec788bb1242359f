import { Body, Controller, Headers, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUnit, type Unit } from '@simpul/http';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import { MAX_OFFICER_LENGTH } from '../dispatch.rules.js';
import { DispatchAlertService, type DispatchResult } from './dispatch-alert.service.js';

@ApiTags('dispatches')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/alerts')
export class DispatchAlertHttpController {
  constructor(@Inject(DispatchAlertService) private readonly dispatches: DispatchAlertService) {}

  @Post(':id/dispatch')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Send the rapid response team on an alert (ministry.response.dispatched.v1); acknowledges the alert.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['team', 'officer'],
      additionalProperties: false,
      properties: {
        team: {
          type: 'string',
          minLength: 1,
          maxLength: 120,
          description: 'The team sent (name or call sign).',
        },
        officer: {
          type: 'string',
          minLength: 1,
          maxLength: MAX_OFFICER_LENGTH,
          description: 'Id of the officer who sends it (not a name).',
        },
      },
    },
  })
  @ApiCreatedResponse({
    description:
      '{ id, eventId, dueBy } (dueBy from the alert severity). 400 VALIDATION_FAILED; 404 MINISTRY.ALERT_NOT_FOUND; ' +
      '409 MINISTRY.ALERT_ALREADY_DISPATCHED while a team sent on it has not reported.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key returns the first result; another request under it is 409',
  })
  dispatch(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUnit() unit: Unit,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<DispatchResult> {
    return this.dispatches.dispatch(id, body, { unitId: unit.id, key: idempotencyKey });
  }
}
