import { Body, Controller, Headers, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUnit, type Unit, bodySchemaFor } from '@simpul/http';
import { MINISTRY_WATCHLIST_ENTRY_ISSUED_V1 } from '@simpul/contracts';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import { GENERATED_ENTRY_FIELDS, IssueEntryService, type IssuedEntryAnswer } from './issue-entry.service.js';

@ApiTags('watchlist')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/watchlist')
export class IssueEntryHttpController {
  constructor(@Inject(IssueEntryService) private readonly entries: IssueEntryService) {}

  /**
   * 201 `{ id, version, eventId, warnings? }` (`insufficient_identification`: a one-word name with no date of
   * birth, NIK or passport, ADR 0013); 400 VALIDATION_FAILED naming every bad field (e.g. cegah without decisionNumber).
   */
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Issue a watchlist entry from the desk (published as ministry.watchlist.entry.issued.v1).',
  })
  @ApiBody({ schema: bodySchemaFor(MINISTRY_WATCHLIST_ENTRY_ISSUED_V1, GENERATED_ENTRY_FIELDS) })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key returns the first result; another request under it is 409',
  })
  issue(
    @Body() body: unknown,
    @CurrentUnit() unit: Unit,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<IssuedEntryAnswer> {
    return this.entries.issue(body, { unitId: unit.id, key: idempotencyKey });
  }
}
