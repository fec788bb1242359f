// Framework-free identity normalisation for exact matching (until @simpul/screening replaces the
// matcher). Inputs and outputs are personal data: never log them.

/** Minimal Person shape the rules read (the contract's Person). */
export interface PersonLike {
  fullName: string;
  aliases?: string[];
  nik?: string;
  passportNumber?: string;
  dateOfBirth?: string;
}

/** Full name for comparison: no diacritics, lower case, punctuation as spaces, single spaces. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** Passport number for comparison: upper case, no separators, O read as 0 and I as 1. */
export function normalisePassport(passport: string): string {
  return passport
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/O/g, '0')
    .replace(/I/g, '1');
}

/** The keys a person can be found by: NIK, passport, and name + date of birth (each name, aliases too). */
export interface IdentityKeys {
  nik?: string;
  passport?: string;
  nameDob: string[];
}

export function identityKeys(person: PersonLike): IdentityKeys {
  const names = [person.fullName, ...(person.aliases ?? [])].map(normaliseName).filter((n) => n !== '');
  return {
    ...(person.nik ? { nik: person.nik } : {}),
    ...(person.passportNumber ? { passport: normalisePassport(person.passportNumber) } : {}),
    nameDob: person.dateOfBirth ? [...new Set(names)].map((n) => `${n}|${person.dateOfBirth}`) : [],
  };
}

/** Why two persons match, strongest first. */
export type MatchReason = 'nik_exact' | 'passport_exact' | 'name_dob_exact';

/** Reasons `traveler` matches `subject` (empty: no match). */
export function matchReasons(traveler: IdentityKeys, subject: IdentityKeys): MatchReason[] {
  const reasons: MatchReason[] = [];
  if (traveler.nik && traveler.nik === subject.nik) reasons.push('nik_exact');
  if (traveler.passport && traveler.passport === subject.passport) reasons.push('passport_exact');
  if (traveler.nameDob.some((k) => subject.nameDob.includes(k))) reasons.push('name_dob_exact');
  return reasons;
}

/** Score of a match from its reasons: an identifier is certain, name + date of birth strong. */
export function matchScore(reasons: readonly MatchReason[]): number {
  if (reasons.includes('nik_exact') || reasons.includes('passport_exact')) return 1;
  if (reasons.includes('name_dob_exact')) return 0.9;
  return 0;
}
