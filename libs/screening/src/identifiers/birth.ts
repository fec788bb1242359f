// Date of birth evidence: what a person's stated date of birth and the date inside their NIK say,
// and how two persons' birth data agree. Records are messy in known ways (docs/domain.md): day and month
// swapped, 1 January or 31 December written when only the year is known, a year off by one.
import { nikBirth } from './nik.js';

/** A birth date as known: the year may be known only modulo 100 (from a NIK). */
export interface BirthDate {
  day: number;
  month: number;
  /** Four-digit year, or undefined when only `yearOfCentury` is known. */
  year?: number;
  yearOfCentury: number;
}

/** How two persons' birth data agree, best first. */
export type BirthAgreement =
  'exact' | 'swapped' | 'year_only' | 'off_by_one' | 'same_year' | 'conflict' | 'unknown';

const RANK: Record<BirthAgreement, number> = {
  exact: 6,
  swapped: 5,
  year_only: 4,
  off_by_one: 3,
  same_year: 2,
  conflict: 1,
  unknown: 0,
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`; undefined when it is not a real-looking date. */
export function parseDateOfBirth(raw: string | undefined): BirthDate | undefined {
  if (raw === undefined) return undefined;
  const m = DATE.exec(raw);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return { day, month, year, yearOfCentury: year % 100 };
}

/** Every birth date a person's record states: the date of birth and the NIK's, when they differ. */
export function birthDates(dateOfBirth: string | undefined, nik: string | undefined): BirthDate[] {
  const dates: BirthDate[] = [];
  const stated = parseDateOfBirth(dateOfBirth);
  if (stated) dates.push(stated);
  const fromNik = nik !== undefined ? nikBirth(nik) : undefined;
  if (fromNik && !(stated && sameDay(stated, fromNik) && stated.yearOfCentury === fromNik.yearOfCentury)) {
    dates.push({ day: fromNik.day, month: fromNik.month, yearOfCentury: fromNik.yearOfCentury });
  }
  return dates;
}

function sameDay(a: { day: number; month: number }, b: { day: number; month: number }): boolean {
  return a.day === b.day && a.month === b.month;
}

function sameYear(a: BirthDate, b: BirthDate): boolean {
  if (a.year !== undefined && b.year !== undefined) return a.year === b.year;
  return a.yearOfCentury === b.yearOfCentury;
}

function yearsApart(a: BirthDate, b: BirthDate): number {
  if (a.year !== undefined && b.year !== undefined) return Math.abs(a.year - b.year);
  const d = Math.abs(a.yearOfCentury - b.yearOfCentury);
  return Math.min(d, 100 - d);
}

/** 1 January and 31 December stand in for "only the year is known" in Indonesian registers. */
export function isPlaceholder(d: { day: number; month: number }): boolean {
  return (d.day === 1 && d.month === 1) || (d.day === 31 && d.month === 12);
}

/** How two single dates agree. Two equal placeholder dates only say the year agrees. */
export function compareDates(a: BirthDate, b: BirthDate): BirthAgreement {
  if (sameYear(a, b)) {
    if (sameDay(a, b)) return isPlaceholder(a) ? 'year_only' : 'exact';
    if (a.day === b.month && a.month === b.day) return 'swapped';
    if (isPlaceholder(a) || isPlaceholder(b)) return 'year_only';
    return 'same_year';
  }
  if (sameDay(a, b) && yearsApart(a, b) === 1) return 'off_by_one';
  return 'conflict';
}

/** The best agreement between any of one person's dates and any of the other's. */
export function compareBirth(a: readonly BirthDate[], b: readonly BirthDate[]): BirthAgreement {
  let best: BirthAgreement = 'unknown';
  for (const x of a) {
    for (const y of b) {
      const agreement = compareDates(x, y);
      if (RANK[agreement] > RANK[best]) best = agreement;
    }
  }
  return best;
}

/** Whether a NIK's date and sex contradict the same person's stated date of birth and sex. */
export function nikConsistency(
  nik: string | undefined,
  dateOfBirth: string | undefined,
  sex: 'M' | 'F' | undefined,
): { dob: boolean; sex: boolean } {
  const birth = nik !== undefined ? nikBirth(nik) : undefined;
  const stated = parseDateOfBirth(dateOfBirth);
  return {
    dob:
      birth === undefined ||
      stated === undefined ||
      (sameDay(birth, stated) && birth.yearOfCentury === stated.yearOfCentury),
    sex: birth === undefined || sex === undefined || birth.sex === sex,
  };
}

/**
 * The same comparison on packed dates (see index/entry-store.ts: YYYYMMDD, or (9000 + yy)MMDD when
 * only a NIK's two-digit year is known), returning the agreement's rank (0 unknown … 6 exact, as
 * BIRTH_BY_RANK): the index runs it for every record it reads, so it allocates nothing.
 */
export function compareBirthPacked(a: number, b: number): number {
  const ya = Math.floor(a / 10_000);
  const yb = Math.floor(b / 10_000);
  const ma = Math.floor(a / 100) % 100;
  const mb = Math.floor(b / 100) % 100;
  const da = a % 100;
  const db = b % 100;
  const full = ya < 9000 && yb < 9000;
  const yoa = ya < 9000 ? ya % 100 : ya - 9000;
  const yob = yb < 9000 ? yb % 100 : yb - 9000;
  const sameYear = full ? ya === yb : yoa === yob;
  const sameDay = ma === mb && da === db;
  const placeholderA = (da === 1 && ma === 1) || (da === 31 && ma === 12);
  const placeholderB = (db === 1 && mb === 1) || (db === 31 && mb === 12);
  if (sameYear) {
    if (sameDay) return placeholderA ? 4 : 6;
    if (da === mb && ma === db) return 5;
    if (placeholderA || placeholderB) return 4;
    return 2;
  }
  if (sameDay) {
    const apart = full ? Math.abs(ya - yb) : Math.min(Math.abs(yoa - yob), 100 - Math.abs(yoa - yob));
    if (apart === 1) return 3;
  }
  return 1;
}

/** Agreements by rank, for compareBirthPacked. */
export const BIRTH_BY_RANK: readonly BirthAgreement[] = [
  'unknown',
  'conflict',
  'same_year',
  'off_by_one',
  'year_only',
  'swapped',
  'exact',
];
