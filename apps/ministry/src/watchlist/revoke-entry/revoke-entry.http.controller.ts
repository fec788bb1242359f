import { Body, Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MINISTRY_WATCHLIST_ENTRY_REVOKED_V1 } from '@simpul/contracts';
import { DeskOnlyGuard } from '../../shared/desk-only.guard.js';
import { bodySchemaFor } from '../../shared/http-body.js';
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
  revoke(
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<{ id: string; version: number; eventId: string }> {
    return this.entries.revoke(id, body);
  }
}
