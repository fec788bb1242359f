// Framework-free identity normalisation for exact lookups (delays elsewhere; screening against the
// watchlist uses @simpul/screening). Inputs and outputs are personal data: never log them.

/** Minimal Person shape the rules read (the contract's Person). */
export interface PersonLike {
  fullName: string;
  aliases?: string[];
  nik?: string;
  passportNumber?: string;
  dateOfBirth?: string;
  sex?: 'M' | 'F';
  /** ISO 3166-1 alpha-3; absent means IDN. */
  nationality?: string;
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
