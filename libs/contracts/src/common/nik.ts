// NIK (Nomor Induk Kependudukan) structure: `PP KK CC DDMMYY SSSS` (docs/domain.md, Identifiers).
// The six date digits carry the date of birth, with 40 added to the day for women. There is no
// check digit. A NIK is personal data: nothing here ever puts one into a message.
import { isRealDate } from './instants.js';
import { NIK_PATTERN } from './patterns.js';

/** What the date digits of a NIK say. */
export interface NikBirth {
  /** Day of month 1-31 (40 already subtracted for women). */
  day: number;
  month: number;
  /** Two-digit year: the century is not encoded. */
  yearOfCentury: number;
  sex: 'M' | 'F';
}

/** The birth data encoded in a 16-digit NIK, or undefined when its date part names no real day. */
export function nikBirth(nik: string): NikBirth | undefined {
  if (!NIK_PATTERN.test(nik)) return undefined;
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yearOfCentury = Number(nik.slice(10, 12));
  const female = rawDay >= 41 && rawDay <= 71;
  if (!female && !(rawDay >= 1 && rawDay <= 31)) return undefined;
  const day = female ? rawDay - 40 : rawDay;
  // The century is unknown: the date is real if it exists in 19YY or in 20YY (29 Feb 00 exists: 2000).
  if (!isRealDate(1900 + yearOfCentury, month, day) && !isRealDate(2000 + yearOfCentury, month, day)) {
    return undefined;
  }
  return { day, month, yearOfCentury, sex: female ? 'F' : 'M' };
}

/** Builds the date digits `DDMMYY` of a NIK for a date of birth (`YYYY-MM-DD`) and sex. */
export function nikDateDigits(dateOfBirth: string, sex: 'M' | 'F'): string {
  const [year, month, day] = dateOfBirth.split('-').map(Number);
  const dd = sex === 'F' ? day + 40 : day;
  return `${String(dd).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year % 100).padStart(2, '0')}`;
}
