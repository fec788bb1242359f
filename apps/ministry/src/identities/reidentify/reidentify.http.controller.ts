import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUnit, type Unit } from '@simpul/http';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import { REIDENTIFY_PURPOSES } from './reidentify.rules.js';
import { ReidentifyService, type Reidentified } from './reidentify.service.js';

@ApiTags('watchlist')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/watchlist')
export class ReidentifyHttpController {
  constructor(@Inject(ReidentifyService) private readonly service: ReidentifyService) {}

  /** 200 `{ entryId, person, purpose }`; 400 naming every bad field; 403 for any unit but the desk; 404 unknown entry. */
  @Post(':id/reidentify')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Re-identify an entry's person (NIK and passport number decrypted) for a stated purpose; every call is audited.",
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['official', 'purpose'],
      additionalProperties: false,
      properties: {
        official: { type: 'string', minLength: 1, maxLength: 200, description: 'Who asks (audited)' },
        purpose: { type: 'string', enum: [...REIDENTIFY_PURPOSES], description: 'Why (audited)' },
        note: {
          type: 'string',
          maxLength: 500,
          description: "For the caller's reference; not stored (the audit trail holds no free text)",
        },
      },
    },
  })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: official or purpose missing or invalid' })
  reidentify(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUnit() unit: Unit,
  ): Promise<Reidentified> {
    return this.service.reidentify(id, body, unit.id);
  }
}
