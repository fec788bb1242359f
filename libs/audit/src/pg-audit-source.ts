import type { AuditRow } from './audit-record.js';
import type { AuditChainSource } from './verify-audit-chain.js';
import { verifyAuditChainFrom, type AuditVerification } from './verify-audit-chain.js';

/** Runs one SQL statement and gives its rows (a DataSource's or EntityManager's `query`, or a pg wrapper). */
export type AuditQuery = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

const COLUMNS = `position, recorded_at, unit, official, purpose, action, record_type, record_id,
  subject_refs, event_id::text AS event_id, previous_hash, hash`;

/** A stored row as the chain sees it (bigint arrives as a string). */
export function auditRowFromDb(r: Record<string, unknown>): AuditRow {
  return {
    position: Number(r['position']),
    recordedAt: r['recorded_at'] as Date,
    unit: r['unit'] as string,
    official: (r['official'] as string | null) ?? null,
    purpose: r['purpose'] as string,
    action: r['action'] as string,
    recordType: r['record_type'] as string,
    recordId: r['record_id'] as string,
    subjectRefs: (r['subject_refs'] as string[] | null) ?? [],
    eventId: (r['event_id'] as string | null) ?? null,
    previousHash: r['previous_hash'] as string,
    hash: r['hash'] as string,
  };
}

/** The audit_log table of a PostgreSQL database, read page by page (keyset on position). */
export function pgAuditSource(query: AuditQuery): AuditChainSource {
  const positionOf = async (column: 'hash' | 'previous_hash', hash: string) => {
    const rows = await query(
      `SELECT position FROM audit_log WHERE ${column} = $1 ORDER BY position LIMIT 1`,
      [hash],
    );
    return rows[0] ? Number(rows[0]['position']) : undefined;
  };
  return {
    page: async (after, limit) =>
      (
        await query(`SELECT ${COLUMNS} FROM audit_log WHERE position > $1 ORDER BY position LIMIT $2`, [
          after,
          limit,
        ])
      ).map(auditRowFromDb),
    positionOfHash: (hash) => positionOf('hash', hash),
    positionOfPreviousHash: (hash) => positionOf('previous_hash', hash),
  };
}

/** Verifies the audit_log of a database: `verifyAuditChain(dataSource)` or with a query function. */
export function verifyAuditChain(
  db: AuditQuery | { query(sql: string, params?: unknown[]): Promise<unknown> },
  pageSize?: number,
): Promise<AuditVerification> {
  const query: AuditQuery =
    typeof db === 'function'
      ? db
      : async (sql, params) => (await db.query(sql, params)) as Array<Record<string, unknown>>;
  return verifyAuditChainFrom(pgAuditSource(query), pageSize);
}
