// NIK (Nomor Induk Kependudukan): 16 digits `PP KK CC DDMMYY SSSS`: province, regency, district,
// date of birth with 40 added to the day for women, serial. No check digit. Sensitive personal
// data: the engine compares NIKs but never prints or logs one.

/** What the date digits of a NIK say. */
export interface NikBirth {
  /** 1-31, 40 already taken off for women. */
  day: number;
  month: number;
  /** The century is not encoded. */
  yearOfCentury: number;
  sex: 'M' | 'F';
}

const NIK_SHAPE = /^\d{16}$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A NIK as compared: digits only (spaces and dots some forms add are dropped), or undefined if not 16 digits. */
export function normaliseNik(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const digits = raw.replace(/[\s.-]/g, '');
  return NIK_SHAPE.test(digits) ? digits : undefined;
}

/** The birth data inside a NIK, or undefined when its date digits name no possible day. */
export function nikBirth(nik: string): NikBirth | undefined {
  if (!NIK_SHAPE.test(nik)) return undefined;
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yearOfCentury = Number(nik.slice(10, 12));
  const female = rawDay >= 41 && rawDay <= 71;
  if (!female && !(rawDay >= 1 && rawDay <= 31)) return undefined;
  const day = female ? rawDay - 40 : rawDay;
  // 29 February is possible in some century (2000), so only the month length is checked.
  if (month < 1 || month > 12 || day > DAYS_IN_MONTH[month - 1]) return undefined;
  return { day, month, yearOfCentury, sex: female ? 'F' : 'M' };
}
