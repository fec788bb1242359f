/** What a caller appends: who processed which record, why, and about whom (blind indexes only). */
export interface AuditRecordInput {
  /** The unit acting (`polda:riau`, `ministry:desk`), or the unit whose event is processed. */
  unit: string;
  /** The official behind an HTTP read (from `Simpul-Official`); absent for automatic processing. */
  official?: string;
  /** Why the data is processed (`case_handling`, `data_subject_request`, ...). */
  purpose: string;
  /** What happened (`arrest.recorded`, `watchlist.entry.issued`, `arrest.read`). */
  action: string;
  /** The kind of record processed (`arrest`, `watchlist_entry`, `screening`). */
  recordType: string;
  /** Its id (or a description of a list read, e.g. `unit:polda:riau`). */
  recordId: string;
  /** Keyed blind-index values of the data subjects (64 hex characters each), never raw identifiers. */
  subjectRefs?: string[];
  /** The bus event processed, for processing steps. */
  eventId?: string;
}

/** A record as stored: its place in the chain and its hashes. */
export interface AuditRow {
  position: number;
  recordedAt: Date;
  unit: string;
  official: string | null;
  purpose: string;
  action: string;
  recordType: string;
  recordId: string;
  subjectRefs: string[];
  eventId: string | null;
  previousHash: string;
  hash: string;
}

/** Raised for an invalid record: names the field and the rule, never the value. */
export class AuditRecordError extends Error {
  override name = 'AuditRecordError';
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`audit record field ${field} is invalid (${rule})`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BLIND_INDEX = /^[0-9a-f]{64}$/;
/** Purposes and actions are machine words, so they can be filtered on and never carry free text. */
const WORD = /^[a-z][a-z0-9_.:-]*$/;

function text(field: string, value: unknown, max: number, pattern?: RegExp): string {
  if (typeof value !== 'string' || value.trim() === '') throw new AuditRecordError(field, 'non-empty string');
  if (value.length > max) throw new AuditRecordError(field, `at most ${max} characters`);
  if (pattern && !pattern.test(value)) throw new AuditRecordError(field, `pattern ${pattern.source}`);
  return value;
}

/** The checked and normalised fields (subject refs sorted and deduplicated, so the hash is stable). */
export type NormalisedAuditRecord = Omit<AuditRow, 'position' | 'recordedAt' | 'previousHash' | 'hash'>;

/** Validates a record before it is chained; throws AuditRecordError naming the first bad field. */
export function normaliseAuditRecord(record: AuditRecordInput): NormalisedAuditRecord {
  const refs = record.subjectRefs ?? [];
  if (!Array.isArray(refs)) throw new AuditRecordError('subjectRefs', 'array');
  if (refs.length > 10_000) throw new AuditRecordError('subjectRefs', 'at most 10000 items');
  refs.forEach((ref, i) => {
    if (typeof ref !== 'string' || !BLIND_INDEX.test(ref))
      throw new AuditRecordError(`subjectRefs[${i}]`, 'blind index: 64 lower-case hex characters');
  });
  if (record.eventId !== undefined && (typeof record.eventId !== 'string' || !UUID.test(record.eventId)))
    throw new AuditRecordError('eventId', 'uuid');
  return {
    unit: text('unit', record.unit, 200),
    official: record.official === undefined ? null : text('official', record.official, 200),
    purpose: text('purpose', record.purpose, 64, WORD),
    action: text('action', record.action, 100, WORD),
    recordType: text('recordType', record.recordType, 64, WORD),
    recordId: text('recordId', record.recordId, 200),
    subjectRefs: [...new Set(refs)].sort(),
    eventId: record.eventId === undefined ? null : record.eventId.toLowerCase(),
  };
}
