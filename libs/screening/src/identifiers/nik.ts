// NIK (Nomor Induk Kependudukan): 16 digits `PP KK CC DDMMYY SSSS`: province, regency, district,
// date of birth with 40 added to the day for women, serial. No check digit. Sensitive personal
// data: the engine compares NIKs but never prints or logs one.

// One reading of a NIK's date digits for the whole system: the contract's (right about 29 February
// in a year of century that is a leap year in neither 19YY nor 20YY). @simpul/contracts is
// framework-free, so depending on it keeps this library free of Nest, TypeORM and NATS.
export { nikBirth, type NikBirth } from '@simpul/contracts';

const NIK_SHAPE = /^\d{16}$/;

/** A NIK as compared: digits only (spaces and dots some forms add are dropped), or undefined if not 16 digits. */
export function normaliseNik(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const digits = raw.replace(/[\s.-]/g, '');
  return NIK_SHAPE.test(digits) ? digits : undefined;
}
