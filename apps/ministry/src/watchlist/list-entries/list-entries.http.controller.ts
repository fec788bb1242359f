import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '@simpul/audit';
import { WATCHLIST_LEGAL_TYPES } from '@simpul/contracts';
import { DataSource } from 'typeorm';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import { WatchlistEntryEntity } from '../watchlist-entry.entity.js';
import { entryView, type WatchlistEntryView } from '../watchlist-entry.view.js';
import { QueryReader } from '@simpul/http';

const STATUSES = ['active', 'revoked', 'expired'] as const;

@ApiTags('watchlist')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/watchlist')
export class ListEntriesHttpController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Entries past validUntil read as `expired` (checkpoints lapse them themselves; no event is needed). */
  @Get()
  @AuditedRead({
    recordType: 'watchlist_entry',
    action: 'watchlist_entry.listed',
    // A list: recorded under the reading unit (ids only: a URL or query string could carry personal data).
    recordId: (request) => request.unit.id,
    // The persons listed, by the blind indexes stored beside their entries.
    subjectRefs: async (answer, manager) => {
      const ids = (answer as { entries: WatchlistEntryView[] }).entries.map((e) => e.entryId);
      const rows: Array<{ ref: string }> = await manager.query(
        `SELECT unnest(array_remove(ARRAY[nik_index, passport_index], NULL)) AS ref
           FROM ministry_watchlist_entry WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      return rows.map((r) => r.ref);
    },
  })
  @ApiOperation({ summary: 'Watchlist entries, newest first; filter by status, legalType or caseId.' })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES })
  @ApiQuery({ name: 'legalType', required: false, enum: WATCHLIST_LEGAL_TYPES })
  @ApiQuery({ name: 'caseId', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1-5000, default 500' })
  async list(@Query() query: Record<string, unknown>): Promise<{ entries: WatchlistEntryView[] }> {
    const reader = new QueryReader(query);
    const status = reader.oneOf('status', STATUSES);
    const legalType = reader.oneOf('legalType', WATCHLIST_LEGAL_TYPES);
    const caseId = reader.uuid('caseId');
    const limit = reader.int('limit', 1, 5000, 500);
    reader.done();
    const now = new Date();
    const qb = this.dataSource
      .getRepository(WatchlistEntryEntity)
      .createQueryBuilder('e')
      .orderBy('e.issued_at', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .take(limit);
    if (legalType) qb.andWhere('e.legal_type = :legalType', { legalType });
    if (caseId) qb.andWhere('e.case_id = :caseId', { caseId });
    if (status === 'revoked') qb.andWhere(`e.status = 'revoked'`);
    if (status === 'active') qb.andWhere(`e.status <> 'revoked' AND e.valid_until_at > :now`, { now });
    if (status === 'expired') qb.andWhere(`e.status <> 'revoked' AND e.valid_until_at <= :now`, { now });
    const rows = await qb.getMany();
    return { entries: rows.map((row) => entryView(row, now)) };
  }
}
