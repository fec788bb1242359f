// The keys that link events into one case (framework-free; see case.rules.spec.ts).
import type { Person } from '@simpul/contracts';

export type CaseLinkKind = 'report' | 'interception' | 'nik' | 'passport' | 'name_dob';

export interface CaseLinkKey {
  kind: CaseLinkKind;
  value: string;
}

/**
 * Honorifics and religious or academic titles that are not part of a name (compared without dots):
 * H./Hj. (haji, hajjah), Drs./Dra., Dr., Ir., Prof., K.H., Ust., and degrees such as S.Pd., S.H., M.Si.
 */
const TITLES = new Set([
  'h',
  'hj',
  'haji',
  'hajjah',
  'hajah',
  'drs',
  'dra',
  'dr',
  'ir',
  'prof',
  'kh',
  'ust',
  'ustadz',
  'ustad',
  'tn',
  'ny',
  'nn',
  'sdr',
  'sdri',
  'bpk',
  'sh',
  'se',
  'spd',
  'spdi',
  'sag',
  'sip',
  'sos',
  'ssos',
  'skom',
  'ssi',
  'skm',
  'sked',
  'amd',
  'mh',
  'mm',
  'msi',
  'mpd',
  'mag',
  'mkom',
  'mt',
  'mba',
  'phd',
  'lc',
]);

/**
 * A full name as compared for a strong match: lower case, diacritics removed, titles (H., Hj., Drs.,
 * S.Pd., …) removed, punctuation as separators (apostrophes dropped), whitespace collapsed. Only
 * formatting is forgiven, never spelling: `H. Ahmad  Fauzi, S.Pd.` = `AHMAD FAUZI`, but
 * `Achmad Fauzi` is another name. Empty when nothing but titles remains.
 */
export function normaliseFullName(fullName: string): string {
  const tokens = fullName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`ʼ]/g, '')
    .split(/[\s,;]+/)
    .filter((t) => t.length > 0);
  const words: string[] = [];
  for (const token of tokens) {
    // A dotted token (S.Pd., K.H.) is one title; compared without its dots.
    const bare = token.replace(/[^\p{L}\p{N}]/gu, '');
    if (bare.length === 0 || TITLES.has(bare)) continue;
    words.push(...token.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0));
  }
  return words.join(' ');
}

/**
 * The name-and-birth-date key of a person: `<normalised full name>|<dateOfBirth>`, or undefined
 * without a date of birth or without a name left after normalisation (a name alone never links).
 */
export function nameAndBirthDateKey(person: Pick<Person, 'fullName' | 'dateOfBirth'>): string | undefined {
  if (!person.dateOfBirth) return undefined;
  const name = normaliseFullName(person.fullName);
  return name ? `${name}|${person.dateOfBirth}` : undefined;
}

/** Whether two persons are a strong match by name and date of birth (same key, both present). */
export function sameNameAndBirthDate(
  a: Pick<Person, 'fullName' | 'dateOfBirth'>,
  b: Pick<Person, 'fullName' | 'dateOfBirth'>,
): boolean {
  const key = nameAndBirthDateKey(a);
  return key !== undefined && key === nameAndBirthDateKey(b);
}

/**
 * Keys of a person: NIK and passport number, exact (passport upper-cased, as the contract stores
 * it), and the strong name match: normalised full name plus date of birth.
 */
export function personKeys(person: Person): CaseLinkKey[] {
  const keys: CaseLinkKey[] = [];
  if (person.nik) keys.push({ kind: 'nik', value: person.nik });
  if (person.passportNumber) keys.push({ kind: 'passport', value: person.passportNumber.toUpperCase() });
  const nameDob = nameAndBirthDateKey(person);
  if (nameDob) keys.push({ kind: 'name_dob', value: nameDob });
  return keys;
}

/** Every key an event links by: report number, interception id, and each person's identity keys. */
export function caseKeys(input: {
  reportNumber?: string;
  interceptionId?: string;
  persons?: Person[];
}): CaseLinkKey[] {
  const keys: CaseLinkKey[] = [];
  if (input.reportNumber) keys.push({ kind: 'report', value: input.reportNumber });
  if (input.interceptionId) keys.push({ kind: 'interception', value: input.interceptionId });
  for (const person of input.persons ?? []) keys.push(...personKeys(person));
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = `${k.kind}:${k.value}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
