import { Body, Controller, Headers, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUnit, type Unit, bodySchemaFor } from '@simpul/http';
import { MINISTRY_WATCHLIST_ENTRY_ISSUED_V1 } from '@simpul/contracts';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import { FIXED_ENTRY_FIELDS, ReissueEntryService } from './reissue-entry.service.js';

const schema = bodySchemaFor(MINISTRY_WATCHLIST_ENTRY_ISSUED_V1, FIXED_ENTRY_FIELDS);
// Every field is optional on a re-issue: the body holds only the changes.
delete schema.required;

@ApiTags('watchlist')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/watchlist')
export class ReissueEntryHttpController {
  constructor(@Inject(ReissueEntryService) private readonly entries: ReissueEntryService) {}

  /** 200 `{ id, version, eventId }` with version + 1; 404 unknown entry; 400 naming every bad field. */
  @Post(':id/reissue')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Re-issue an entry with changes (ministry.watchlist.entry.issued.v1, version + 1), e.g. a cegah extension.',
  })
  @ApiBody({ schema })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key returns the first result; another request under it is 409',
  })
  reissue(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUnit() unit: Unit,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<{ id: string; version: number; eventId: string }> {
    return this.entries.reissue(id, body, { unitId: unit.id, key: idempotencyKey });
  }
}
