/**
 * Operator functions on the outbox (`simpul outbox list|retry|drop`). They take a plain query
 * function, so the command needs only a PostgreSQL client, not the service's data source. Nothing
 * here reads or prints a row's body (personal data): ids, types, subjects, counts and errors only.
 */

/** Runs one parameterised statement and returns its rows. */
export type OutboxQuery = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export interface OutboxRowSummary {
  id: string;
  eventId: string;
  type: string;
  subject: string;
  status: 'pending' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  failedAt: string | null;
}

export interface ListOutboxOptions {
  /** Only rows of this status (default: both). */
  status?: 'pending' | 'failed';
  /** At most this many, oldest first (default 100). */
  limit?: number;
}

/** Outbox rows oldest first, without their bodies. */
export async function listOutbox(
  query: OutboxQuery,
  options: ListOutboxOptions = {},
): Promise<OutboxRowSummary[]> {
  const rows = await query(
    `SELECT id::text, event_id::text, event_type, subject, status, attempts, last_error,
            created_at, next_attempt_at, failed_at
       FROM bus_outbox
      WHERE $1::text IS NULL OR status = $1
      ORDER BY id
      LIMIT $2`,
    [options.status ?? null, options.limit ?? 100],
  );
  return rows.map((r) => ({
    id: String(r['id']),
    eventId: String(r['event_id']),
    type: String(r['event_type']),
    subject: String(r['subject']),
    status: r['status'] as 'pending' | 'failed',
    attempts: Number(r['attempts']),
    lastError: (r['last_error'] as string | null) ?? null,
    createdAt: iso(r['created_at'])!,
    nextAttemptAt: iso(r['next_attempt_at'])!,
    failedAt: iso(r['failed_at']),
  }));
}

/** Which rows an operator command acts on: ids, or every failed row. */
export type OutboxSelection = { ids: string[] } | { allFailed: true };

/**
 * Puts failed rows back in line: `pending`, due now, attempts reset (the relay's limit counts
 * again from zero). Returns the ids it changed; ids that are not failed rows are left alone.
 */
export async function retryOutbox(query: OutboxQuery, selection: OutboxSelection): Promise<string[]> {
  const rows = await query(
    `UPDATE bus_outbox
        SET status = 'pending', next_attempt_at = now(), claimed_until = NULL, attempts = 0, failed_at = NULL
      WHERE status = 'failed' AND ($1::boolean OR id = ANY($2::bigint[]))
      RETURNING id::text`,
    selectionParams(selection),
  );
  return rows.map((r) => String(r['id']));
}

/**
 * Deletes failed rows for good: their events are never published. Only `failed` rows can be
 * dropped, so a row a relay is publishing right now is never removed under it. Returns the ids.
 */
export async function dropOutbox(query: OutboxQuery, selection: OutboxSelection): Promise<string[]> {
  const rows = await query(
    `DELETE FROM bus_outbox
      WHERE status = 'failed' AND ($1::boolean OR id = ANY($2::bigint[]))
      RETURNING id::text`,
    selectionParams(selection),
  );
  return rows.map((r) => String(r['id']));
}

function selectionParams(selection: OutboxSelection): [boolean, string[]] {
  return 'allFailed' in selection ? [true, []] : [false, selection.ids];
}

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}
