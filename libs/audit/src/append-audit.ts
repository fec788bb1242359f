import type { EntityManager } from 'typeorm';
import { normaliseAuditRecord, type AuditRecordInput, type AuditRow } from './audit-record.js';
import { GENESIS_HASH, hashOfRecord } from './chain-hash.js';

/**
 * Key of the transaction-scoped advisory lock that serialises appends: the next record needs the
 * last one's hash, so two transactions appending at once would otherwise fork the chain. Held until
 * commit: append as the last step of a transaction, so the lock is held for the commit only.
 */
export const AUDIT_LOCK_KEY = 7_301_106_176_475_209;

/** Rows per INSERT statement (12 parameters each, far below PostgreSQL's 65,535). */
const ROWS_PER_INSERT = 1_000;

/**
 * Appends one record to the audit chain inside the caller's transaction: it commits with the
 * state change it describes, or not at all. Throws AuditRecordError on an invalid record.
 */
export async function appendAudit(manager: EntityManager, record: AuditRecordInput): Promise<AuditRow> {
  const [row] = await appendAuditMany(manager, [record]);
  return row!;
}

/** Appends several records in order (a consumer batch applies many events in one transaction). */
export async function appendAuditMany(
  manager: EntityManager,
  records: readonly AuditRecordInput[],
): Promise<AuditRow[]> {
  // Validate everything before taking the lock: a bad record must not hold up other writers.
  const normalised = records.map(normaliseAuditRecord);
  if (normalised.length === 0) return [];
  if (!manager.queryRunner?.isTransactionActive) {
    // Outside a transaction the advisory lock would be released at once and the chain could fork.
    throw new Error('appendAudit must run inside a transaction');
  }
  await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK_KEY]);
  const last: Array<{ position: string; hash: string }> = await manager.query(
    'SELECT position, hash FROM audit_log ORDER BY position DESC LIMIT 1',
  );
  let position = last[0] ? Number(last[0].position) : 0;
  let previousHash = last[0]?.hash ?? GENESIS_HASH;
  const recordedAt = new Date();
  const rows = normalised.map((fields): AuditRow => {
    position += 1;
    const unhashed = { ...fields, position, recordedAt, previousHash };
    const row = { ...unhashed, hash: hashOfRecord(unhashed) };
    previousHash = row.hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await insert(manager, rows.slice(i, i + ROWS_PER_INSERT));
  return rows;
}

async function insert(manager: EntityManager, rows: AuditRow[]): Promise<void> {
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const base = params.length;
    params.push(
      row.position,
      row.recordedAt,
      row.unit,
      row.official,
      row.purpose,
      row.action,
      row.recordType,
      row.recordId,
      row.subjectRefs,
      row.eventId,
      row.previousHash,
      row.hash,
    );
    return `(${Array.from({ length: 12 }, (_, i) => `$${base + i + 1}`).join(', ')})`;
  });
  await manager.query(
    `INSERT INTO audit_log (position, recorded_at, unit, official, purpose, action, record_type,
       record_id, subject_refs, event_id, previous_hash, hash) VALUES ${tuples.join(', ')}`,
    params,
  );
}
