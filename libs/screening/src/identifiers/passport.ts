// Passport numbers are opaque upper-case alphanumerics (ordinary Indonesian passports: a letter and
// seven digits). Officers and OCR confuse O with 0 and I with 1, so the comparison form folds them.
// Personal data: compared, never printed.

/** The form passports are compared in: upper case, no separators, O→0, I→1; undefined if nothing is left. */
export function passportKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const key = raw
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/O/g, '0')
    .replace(/I/g, '1');
  return key.length >= 5 ? key : undefined;
}

/** Nationality as compared: upper-case alpha-3, absent means Indonesian (docs/contract.md §5). */
export function nationalityKey(raw: string | undefined): string {
  return raw === undefined || raw.trim() === '' ? 'IDN' : raw.trim().toUpperCase();
}
