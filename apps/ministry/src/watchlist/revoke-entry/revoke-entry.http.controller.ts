import { Body, Controller, Headers, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUnit, type Unit, bodySchemaFor } from '@simpul/http';
import { MINISTRY_WATCHLIST_ENTRY_REVOKED_V1 } from '@simpul/contracts';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import { RevokeEntryService } from './revoke-entry.service.js';

@ApiTags('watchlist')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/watchlist')
export class RevokeEntryHttpController {
  constructor(@Inject(RevokeEntryService) private readonly entries: RevokeEntryService) {}

  /** 200 `{ id, version, eventId }`; 404 unknown entry; 409 already revoked; 400 without a reason. */
  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an entry (ministry.watchlist.entry.revoked.v1 with a higher version).' })
  @ApiBody({ schema: bodySchemaFor(MINISTRY_WATCHLIST_ENTRY_REVOKED_V1, ['entryId', 'version']) })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key returns the first result; another request under it is 409',
  })
  revoke(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUnit() unit: Unit,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<{ id: string; version: number; eventId: string }> {
    return this.entries.revoke(id, body, { unitId: unit.id, key: idempotencyKey });
  }
}
