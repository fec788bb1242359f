// Date and date-time parsing shared by the `date`/`dateTime` formats and the duration rules.
// Written by hand rather than with Date.parse so that exactly one grammar is accepted everywhere,
// and so durations are computed from the event's own dates (never from the validating machine's clock).

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM): upper-case T and Z, a zone is mandatory.
const DATE_TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instants the contract accepts, inclusive (docs/contract.md; docs/adr/0009-bounded-instants.md).
 * Years past 9999 have no `YYYY` form (`+010000-…`), so a date derived from a far-future instant
 * could never be written back into an event; no real arrest, entry or screening lies outside this.
 */
export const MIN_INSTANT = '1900-01-01T00:00:00Z';
export const MAX_INSTANT = '2100-12-31T23:59:59Z';
export const MIN_INSTANT_MS = Date.UTC(1900, 0, 1);
/** The last accepted millisecond: fractions of MAX_INSTANT's second are inside. */
export const MAX_INSTANT_MS = Date.UTC(2101, 0, 1) - 1;

/** The sentence every date-time field's description ends with. */
export const INSTANT_RANGE_DESCRIPTION = `Between ${MIN_INSTANT} and ${MAX_INSTANT} inclusive.`;

/** True when `epochMs` lies within MIN_INSTANT..MAX_INSTANT (sub-millisecond fractions included). */
export function isWithinInstantRange(epochMs: number): boolean {
  return epochMs >= MIN_INSTANT_MS && epochMs < MAX_INSTANT_MS + 1;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True for `YYYY-MM-DD` naming a day that exists. */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

// Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
function utcWallMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.setUTCHours(hour, minute, second, 0);
}

/** A parsed date-time: its wall-clock fields in its own offset, and the instant in epoch milliseconds. */
export interface ParsedInstant {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fraction of a second in milliseconds (may carry sub-millisecond decimals). */
  fractionMs: number;
  /** Offset from UTC in minutes (+07:00 → 420). */
  offsetMinutes: number;
  /** The instant in epoch milliseconds, sub-millisecond precision kept as decimals. */
  epochMs: number;
}

/**
 * Parses an ISO 8601 date-time with a zone; undefined when the text is not one, names no real time,
 * or lies outside MIN_INSTANT..MAX_INSTANT (both validation paths and every rule parse through here).
 */
export function parseInstant(value: unknown): ParsedInstant | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE_TIME_RE.exec(value);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const fractionMs = m[7] === undefined ? 0 : Number(`0.${m[7]}`) * 1000;
  const epochMs = utcWallMs(year, month, day, hour, minute, second) - offsetMinutes * 60_000 + fractionMs;
  if (!isWithinInstantRange(epochMs)) return undefined;
  return { year, month, day, hour, minute, second, fractionMs, offsetMinutes, epochMs };
}

/**
 * True for an ISO 8601 date-time with a zone (`Z` or `±hh:mm`), fractional seconds allowed, within
 * MIN_INSTANT..MAX_INSTANT.
 */
export function isDateTimeWithZone(value: unknown): boolean {
  return parseInstant(value) !== undefined;
}

/**
 * The instant `months` calendar months after `from`, computed on `from`'s own wall clock and offset;
 * a day that does not exist in the target month is clamped to its last day (31 Aug + 6 months = 28/29 Feb).
 */
export function addCalendarMonths(from: ParsedInstant, months: number): number {
  const monthIndex = from.month - 1 + months;
  const year = from.year + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const day = Math.min(from.day, daysInMonth(year, month));
  const wallMs = utcWallMs(year, month, day, from.hour, from.minute, from.second);
  return wallMs - from.offsetMinutes * 60_000 + from.fractionMs;
}

export const DAY_MS = 86_400_000;
