import { E164_PATTERN } from './patterns.js';

/** Separators people write inside a phone number: spaces, dashes, dots, slashes, parentheses. */
const SEPARATORS = /[\s\-./()\u00a0]/g;

/**
 * A phone number as written in Indonesia turned into E.164, or undefined when it is not one.
 * Accepted: `+62 812-3456-7890`, `62812…`, `0812…`, `0062812…` (the international prefix), a
 * trunk zero kept after the country code (`+62 (0)812…`), a bare mobile `812…`, and numbers of
 * other countries given with `+` or `00`. Only separators are forgiven, never digits: the HTTP
 * edges call this before validation, so what it cannot read is reported by the contract's
 * `phoneNumber` rule with the field's path, and events carry E.164 only.
 */
export function normalisePhoneNumber(written: string): string | undefined {
  let digits = written.trim().replace(SEPARATORS, '');
  let international = false;
  if (digits.startsWith('+')) {
    international = true;
    digits = digits.slice(1);
  } else if (digits.startsWith('00')) {
    international = true;
    digits = digits.slice(2);
  }
  if (!/^[0-9]+$/.test(digits)) return undefined;
  let e164: string;
  if (international || (digits.startsWith('62') && digits.length >= 10)) {
    // `+62 (0)812…`: the trunk zero some write after the country code is not dialled.
    e164 = digits.startsWith('620') ? `+62${digits.slice(3)}` : `+${digits}`;
  } else if (digits.startsWith('0')) {
    e164 = `+62${digits.slice(1)}`;
  } else if (/^8[0-9]{8,11}$/.test(digits)) {
    e164 = `+62${digits}`; // a mobile written without its trunk zero
  } else {
    return undefined;
  }
  return E164_PATTERN.test(e164) ? e164 : undefined;
}

/**
 * `phoneNumbers` of a request body with each number normalised where it can be; anything else
 * (not an array, not a string, not a phone number) is left as given for validation to report.
 */
export function normalisePhoneNumbers(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item) => (typeof item === 'string' ? (normalisePhoneNumber(item) ?? item) : item));
}
