import { createHash } from 'node:crypto';
import type { AuditRow } from './audit-record.js';

/** The previous_hash of the first record: a fixed value, so a deleted first record shows. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * SHA-256 (hex) over a canonical serialisation of a record: a JSON array of every field in a fixed
 * order, led by a version tag. Every field is a string, a string array or null, so JSON.stringify is
 * canonical; the position is a decimal string and the time ISO 8601 with milliseconds (what a
 * timestamptz column gives back for a JavaScript Date).
 *
 * A plain hash, not an HMAC: anyone can verify without a secret. Its limit: someone who can write
 * the table can rewrite a record and recompute every hash after it. `simpul audit verify` prints
 * the head (last position and hash) so operators can record it outside the database (an anchor);
 * a rewritten chain or a cut-off tail then no longer ends at the recorded head.
 */
export function hashOfRecord(row: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    'simpul.audit.v1',
    String(row.position),
    row.recordedAt.toISOString(),
    row.unit,
    row.official,
    row.purpose,
    row.action,
    row.recordType,
    row.recordId,
    row.subjectRefs,
    row.eventId,
    row.previousHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
