import type { AuditQuery } from './pg-audit-source.js';
import { auditRowFromDb } from './pg-audit-source.js';

/** One processing step of a data subject's trail (UU PDP art. 32): no hashes, no other subjects. */
export interface AuditTrailRecord {
  position: number;
  recordedAt: string;
  unit: string;
  official: string | null;
  purpose: string;
  action: string;
  recordType: string;
  recordId: string;
  eventId: string | null;
}

/** Most records one trail answer carries; a longer trail is cut (and says so). */
export const MAX_TRAIL_RECORDS = 10_000;

/** Every record naming any of `subjectRefs` (blind indexes), ordered by position. */
export async function auditTrailOf(
  query: AuditQuery,
  subjectRefs: readonly string[],
): Promise<{ records: AuditTrailRecord[]; truncated: boolean }> {
  const rows = await query(
    `SELECT position, recorded_at, unit, official, purpose, action, record_type, record_id,
            '{}'::text[] AS subject_refs, event_id::text AS event_id, previous_hash, hash
       FROM audit_log WHERE subject_refs && $1::text[] ORDER BY position LIMIT $2`,
    [subjectRefs, MAX_TRAIL_RECORDS + 1],
  );
  const records = rows.slice(0, MAX_TRAIL_RECORDS).map((raw) => {
    const row = auditRowFromDb(raw);
    return {
      position: row.position,
      recordedAt: row.recordedAt.toISOString(),
      unit: row.unit,
      official: row.official,
      purpose: row.purpose,
      action: row.action,
      recordType: row.recordType,
      recordId: row.recordId,
      eventId: row.eventId,
    };
  });
  return { records, truncated: rows.length > MAX_TRAIL_RECORDS };
}
