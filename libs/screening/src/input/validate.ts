// Shape checks for what `simpul screen` reads: watchlist lines (`ministry.watchlist.entry.issued.v1`
// data objects) and traveller lines (`{ travelerId, ...Person }`, captured at the desk). Types and
// lengths only, as docs/contract.md §10 asks: a NIK that disagrees with the traveller's date of birth or
// sex is evidence for the scorer, never a rejection. Problems name the field and the rule, never the
// value: these messages end up in terminals and logs.
import type { PersonInput, TravelerInput, WatchlistEntryInput } from '../types.js';

export interface Problem {
  /** Field path, e.g. `person.nik`. */
  field: string;
  /** Stable rule name, e.g. `string_1_120`. */
  rule: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIK = /^\d{16}$/;
const PASSPORT = /^[A-Za-z0-9][A-Za-z0-9 -]{3,18}[A-Za-z0-9]$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// the contract's grammar: YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const COUNTRY = /^[A-Za-z]{3}$/;
const LEGAL_TYPES = new Set(['cegah', 'dpo', 'advisory', 'protective']);
const ACTIONS = new Set(['deny_departure', 'refer', 'monitor']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.trim().length >= 1 && value.length <= max;
}

/** A real calendar date `YYYY-MM-DD`. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1];
}

function isInstant(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

function checkPerson(value: unknown, path: string, problems: Problem[]): void {
  if (!isObject(value)) {
    problems.push({ field: path || '(line)', rule: 'object' });
    return;
  }
  const at = (field: string) => (path ? `${path}.${field}` : field);
  if (!isText(value.fullName, 120)) problems.push({ field: at('fullName'), rule: 'string_1_120' });
  if (value.aliases !== undefined) {
    const ok =
      Array.isArray(value.aliases) &&
      value.aliases.length <= 10 &&
      value.aliases.every((a) => isText(a, 120));
    if (!ok) problems.push({ field: at('aliases'), rule: 'array_max_10_of_string_1_120' });
  }
  if (value.nik !== undefined && !(typeof value.nik === 'string' && NIK.test(value.nik))) {
    problems.push({ field: at('nik'), rule: 'string_16_digits' });
  }
  if (
    value.passportNumber !== undefined &&
    !(typeof value.passportNumber === 'string' && PASSPORT.test(value.passportNumber))
  ) {
    problems.push({ field: at('passportNumber'), rule: 'string_5_20_letters_digits' });
  }
  if (value.dateOfBirth !== undefined && !isCalendarDate(value.dateOfBirth)) {
    problems.push({ field: at('dateOfBirth'), rule: 'date_yyyy_mm_dd' });
  }
  if (value.sex !== undefined && value.sex !== 'M' && value.sex !== 'F')
    problems.push({ field: at('sex'), rule: 'M_or_F' });
  if (
    value.nationality !== undefined &&
    !(typeof value.nationality === 'string' && COUNTRY.test(value.nationality))
  ) {
    problems.push({ field: at('nationality'), rule: 'iso_3166_alpha_3' });
  }
}

function personOf(value: Record<string, unknown>): PersonInput {
  const person: PersonInput = { fullName: value.fullName as string };
  if (value.aliases !== undefined) person.aliases = value.aliases as string[];
  for (const field of ['nik', 'passportNumber', 'dateOfBirth', 'sex', 'nationality'] as const) {
    if (value[field] !== undefined) (person as unknown as Record<string, unknown>)[field] = value[field];
  }
  return person;
}

/** A traveller line's id, when it has a usable one (used even when the rest of the line is invalid). */
export function travelerIdOf(value: unknown): string | null {
  return isObject(value) && isText(value.travelerId, 200) ? value.travelerId : null;
}

/** Checks a parsed traveller line: `{ travelerId, ...Person }`. */
export function checkTraveler(value: unknown): Checked<{ travelerId: string; traveler: TravelerInput }> {
  const problems: Problem[] = [];
  if (!isObject(value)) return { ok: false, problems: [{ field: '(line)', rule: 'object' }] };
  if (travelerIdOf(value) === null) problems.push({ field: 'travelerId', rule: 'string_1_200' });
  checkPerson(value, '', problems);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { travelerId: value.travelerId as string, traveler: personOf(value) } };
}

/** Checks a parsed watchlist line: the data of `ministry.watchlist.entry.issued.v1`. */
export function checkWatchlistEntry(value: unknown): Checked<WatchlistEntryInput> {
  const problems: Problem[] = [];
  if (!isObject(value)) return { ok: false, problems: [{ field: '(line)', rule: 'object' }] };
  if (!(typeof value.entryId === 'string' && UUID.test(value.entryId)))
    problems.push({ field: 'entryId', rule: 'uuid' });
  if (!(Number.isInteger(value.version) && (value.version as number) >= 1))
    problems.push({ field: 'version', rule: 'integer_min_1' });
  if (!LEGAL_TYPES.has(value.legalType as string))
    problems.push({ field: 'legalType', rule: 'one_of_legal_types' });
  if (!ACTIONS.has(value.action as string)) problems.push({ field: 'action', rule: 'one_of_actions' });
  checkPerson(value.person, 'person', problems);
  if (!isInstant(value.validFrom)) problems.push({ field: 'validFrom', rule: 'date_time_with_zone' });
  if (!isInstant(value.validUntil)) problems.push({ field: 'validUntil', rule: 'date_time_with_zone' });
  if (
    isInstant(value.validFrom) &&
    isInstant(value.validUntil) &&
    Date.parse(value.validUntil) <= Date.parse(value.validFrom)
  ) {
    problems.push({ field: 'validUntil', rule: 'after_valid_from' });
  }
  if (value.revokedAt !== undefined && !isInstant(value.revokedAt))
    problems.push({ field: 'revokedAt', rule: 'date_time_with_zone' });
  for (const field of ['reason', 'issuedBy', 'decisionNumber'] as const) {
    if (value[field] !== undefined && !isText(value[field], 2000))
      problems.push({ field, rule: 'string_1_2000' });
  }
  if (problems.length > 0) return { ok: false, problems };
  const entry: WatchlistEntryInput = {
    entryId: value.entryId as string,
    version: value.version as number,
    legalType: value.legalType as WatchlistEntryInput['legalType'],
    action: value.action as WatchlistEntryInput['action'],
    person: personOf(value.person as Record<string, unknown>),
    validFrom: value.validFrom as string,
    validUntil: value.validUntil as string,
  };
  if (value.revokedAt !== undefined) entry.revokedAt = value.revokedAt as string;
  return { ok: true, value: entry };
}
