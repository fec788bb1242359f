import { createHmac } from 'node:crypto';

/** Identifiers that may be looked up through a blind index. */
export type IdentifierKind = 'nik' | 'passport';

/**
 * The form an identifier is indexed in, so that spellings of the same identifier meet: a NIK keeps
 * its digits only; a passport number is upper-cased, stripped to letters and digits, with the
 * letters O and I read as the digits 0 and 1 (the confusion docs/domain.md names).
 */
export function normaliseIdentifier(kind: IdentifierKind, value: string): string {
  if (kind === 'nik') return value.replace(/\D/g, '');
  return value
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/O/g, '0')
    .replace(/I/g, '1');
}

/**
 * A keyed blind index: HMAC-SHA256 over `<kind>:<normalised value>`, hex. Equal identifiers give
 * equal index values, so a column of them can be searched with `=`; without the key, a value
 * cannot be confirmed by hashing guesses (a NIK has too little entropy for a plain hash).
 */
export class BlindIndex {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('a blind index key needs at least 32 bytes');
  }

  of(kind: IdentifierKind, value: string): string {
    return createHmac('sha256', this.key)
      .update(`${kind}:${normaliseIdentifier(kind, value)}`)
      .digest('hex');
  }

  /** For values that are not an identifier kind (e.g. name + date of birth link keys). */
  ofText(purpose: string, value: string): string {
    return createHmac('sha256', this.key).update(`${purpose}:${value}`).digest('hex');
  }
}
