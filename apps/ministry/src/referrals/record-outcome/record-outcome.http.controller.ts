import { Body, Controller, Headers, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUnit, type Unit } from '@simpul/http';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import { NOTE_MAX, OFFICER_MAX, REFERRAL_OUTCOMES } from '../referral.rules.js';
import type { ReferralView } from '../referral.view.js';
import { RecordReferralOutcomeService } from './record-outcome.service.js';

@ApiTags('referrals')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/referrals')
export class RecordReferralOutcomeHttpController {
  constructor(
    @Inject(RecordReferralOutcomeService) private readonly referrals: RecordReferralOutcomeService,
  ) {}

  /** 200 with the closed referral; 400 naming every bad field; 404 unknown referral; 409 outcome already recorded. */
  @Post(':id/outcome')
  @HttpCode(200)
  @ApiOperation({ summary: "Record the P4MI post's outcome of a referral (once; audited)." })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['outcome', 'officer'],
      additionalProperties: false,
      properties: {
        outcome: { type: 'string', enum: [...REFERRAL_OUTCOMES] },
        officer: {
          type: 'string',
          minLength: 1,
          maxLength: OFFICER_MAX,
          description: 'Officer id (not a name).',
        },
        note: {
          type: 'string',
          maxLength: NOTE_MAX,
          description: 'Free text; stored only encrypted, never returned',
        },
      },
    },
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key returns the first result; another request under it is 409',
  })
  record(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUnit() unit: Unit,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<ReferralView> {
    return this.referrals.record(id, body, { unitId: unit.id, key: idempotencyKey });
  }
}
