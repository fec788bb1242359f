import { applyDecorators } from '@nestjs/common';
import { ApiQuery, ApiResponse } from '@nestjs/swagger';
import { QueryReader } from '@simpul/http';
import type { Place } from '@simpul/contracts';
import type { DataSource } from 'typeorm';

/** Items a page lists when `limit` is not given, and the most it may ask for. */
export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/** Which page of a Polda's records a list asks for: newest first, `limit` of them, older than `before`. */
export interface PageRequest {
  limit: number;
  /** The id of the last item of the previous page (its `next`); undefined for the first page. */
  before?: string;
}

/** One page of a list: newest first; `next` (the last item's id) only when older items remain. */
export interface Page<T> {
  items: T[];
  next?: string;
}

/** A paged list of the caller's Polda's records: its query parameters (documented and so accepted) and refusals. */
export function PoldaRecordsPage(): MethodDecorator {
  return applyDecorators(
    ApiResponse({ status: 400, description: 'VALIDATION_FAILED naming limit or before' }),
    ApiResponse({ status: 403, description: 'AUTH.WRONG_UNIT (not a Polda) or POLICE.POLDA_NOT_SERVED' }),
    ApiQuery({
      name: 'limit',
      required: false,
      description: `Items per page, 1-${MAX_PAGE_LIMIT}, default ${DEFAULT_PAGE_LIMIT}`,
    }),
    ApiQuery({
      name: 'before',
      required: false,
      description: 'The `next` of the previous page (an id): lists the items recorded before it',
    }),
  );
}

/** Reads `limit` and `before`; 400 VALIDATION_FAILED naming each bad one. */
export function readPageRequest(query: Record<string, unknown>): PageRequest {
  const reader = new QueryReader(query);
  const limit = reader.int('limit', 1, MAX_PAGE_LIMIT, DEFAULT_PAGE_LIMIT);
  const before = reader.uuid('before');
  reader.done();
  return { limit, ...(before ? { before: before.toLowerCase() } : {}) };
}

/**
 * One page of `polda`'s records: `sql` reads them newest first by id, bound to `$1` the Polda code,
 * `$2` the `before` id or null, `$3` how many rows (one more than `limit`).
 */
export async function readPoldaRecordsPage<R, T extends { id: string }>(
  dataSource: DataSource,
  sql: string,
  polda: string,
  query: Record<string, unknown>,
  toItem: (row: R) => T,
): Promise<Page<T>> {
  const { limit, before } = readPageRequest(query);
  const rows: R[] = await dataSource.query(sql, [polda, before ?? null, limit + 1]);
  return pageOf(rows.map(toItem), limit);
}

/**
 * A page from rows read newest first with one row more than `limit` (the extra one only tells that
 * older items remain). Record ids are UUIDv7, so id order is recording order: `next` is an id.
 */
export function pageOf<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return rows.length > limit ? { items, next: items[items.length - 1]!.id } : { items };
}

/** The columns every listed record has (arrests and interceptions alike), as a page's SQL names them. */
export interface PoldaRecordRow {
  id: string;
  event_id: string;
  polda: string;
  occurred_at: Date;
  recorded_at: Date;
  location: Place;
}

/** What every list item has: ids, the Polda, when it happened and was recorded, where. Not personal data. */
export interface PoldaRecordListFields {
  id: string;
  eventId: string;
  polda: string;
  occurredAt: string;
  recordedAt: string;
  location: Place;
}

export function poldaRecordListFields(row: PoldaRecordRow): PoldaRecordListFields {
  return {
    id: row.id,
    eventId: row.event_id,
    polda: row.polda,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    location: row.location,
  };
}
