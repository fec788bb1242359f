// Prepares what the index stores and what the scorer compares from raw inputs: names normalised,
// identifiers in comparison form, birth dates from the date of birth and the NIK. Inputs are
// checked for shape only (a service validates events against the contract before this).
import { birthDates, nikConsistency, type BirthDate } from '../identifiers/birth.js';
import { nikBirth, normaliseNik } from '../identifiers/nik.js';
import { nationalityKey, passportKey } from '../identifiers/passport.js';
import { normaliseName, type NameToken } from '../normalise/normalise-name.js';
import type { TravelerConsistency } from '../score/reasons.js';
import type { PersonInput, Sex, WatchlistAction, WatchlistEntryInput, WatchlistLegalType } from '../types.js';

export const LEGAL_TYPES: readonly WatchlistLegalType[] = ['cegah', 'dpo', 'advisory', 'protective'];
export const ACTIONS: readonly WatchlistAction[] = ['deny_departure', 'refer', 'monitor'];

/** Thrown for an input the engine cannot use; carries a stable code and a field path, never a value. */
export class ScreeningInputError extends Error {
  constructor(
    readonly code: 'SCREENING.INVALID_ENTRY' | 'SCREENING.INVALID_TRAVELER',
    readonly field: string,
  ) {
    super(`${code}: ${field}`);
    this.name = 'ScreeningInputError';
  }
}

export interface PreparedPerson {
  /** Full name then aliases, normalised. Names that normalise to nothing are kept as empty lists. */
  names: NameToken[][];
  births: BirthDate[];
  sex?: Sex;
  nik?: string;
  passport?: string;
  nationality: string;
}

export interface PreparedEntry {
  entryId: string;
  version: number;
  legalType: WatchlistLegalType;
  action: WatchlistAction;
  /** Epoch milliseconds; NaN when the input was not a date (then the entry never matches). */
  validFrom: number;
  validUntil: number;
  revokedAt: number;
  person: PreparedPerson;
}

function optionalString(
  value: unknown,
  field: string,
  code: ScreeningInputError['code'],
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ScreeningInputError(code, field);
  return value;
}

/** Normalises a person; `code` says which kind of input is at fault if its shape is wrong. */
export function preparePerson(
  person: PersonInput,
  code: ScreeningInputError['code'],
  path: string,
): PreparedPerson {
  if (person === null || typeof person !== 'object') throw new ScreeningInputError(code, path);
  if (typeof person.fullName !== 'string') throw new ScreeningInputError(code, `${path}.fullName`);
  const aliases = person.aliases ?? [];
  if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string')) {
    throw new ScreeningInputError(code, `${path}.aliases`);
  }
  const nikRaw = optionalString(person.nik, `${path}.nik`, code);
  const dob = optionalString(person.dateOfBirth, `${path}.dateOfBirth`, code);
  const sexRaw = optionalString(person.sex, `${path}.sex`, code);
  if (sexRaw !== undefined && sexRaw !== 'M' && sexRaw !== 'F')
    throw new ScreeningInputError(code, `${path}.sex`);
  const nik = normaliseNik(nikRaw);
  const births = birthDates(dob, nik);
  const nikSex = nik !== undefined ? nikBirth(nik)?.sex : undefined;
  return {
    names: [person.fullName, ...aliases].map((n) => normaliseName(n).tokens),
    births,
    sex: (sexRaw as Sex | undefined) ?? nikSex,
    nik,
    passport: passportKey(optionalString(person.passportNumber, `${path}.passportNumber`, code)),
    nationality: nationalityKey(optionalString(person.nationality, `${path}.nationality`, code)),
  };
}

/** What a traveller's NIK says about the traveller's own stated birth data (evidence, not a rejection). */
export function travelerConsistency(person: PersonInput): TravelerConsistency {
  const nik = normaliseNik(typeof person.nik === 'string' ? person.nik : undefined);
  const sex = person.sex === 'M' || person.sex === 'F' ? person.sex : undefined;
  const dob = typeof person.dateOfBirth === 'string' ? person.dateOfBirth : undefined;
  const c = nikConsistency(nik, dob, sex);
  return { nikAgreesWithDob: c.dob, nikAgreesWithSex: c.sex };
}

function instant(value: unknown, field: string): number {
  if (typeof value !== 'string') throw new ScreeningInputError('SCREENING.INVALID_ENTRY', field);
  return Date.parse(value);
}

export function prepareEntry(entry: WatchlistEntryInput): PreparedEntry {
  const bad = (field: string) => new ScreeningInputError('SCREENING.INVALID_ENTRY', field);
  if (entry === null || typeof entry !== 'object') throw bad('(entry)');
  if (typeof entry.entryId !== 'string' || entry.entryId.length === 0) throw bad('entryId');
  if (!Number.isInteger(entry.version) || entry.version < 1) throw bad('version');
  if (!LEGAL_TYPES.includes(entry.legalType)) throw bad('legalType');
  if (!ACTIONS.includes(entry.action)) throw bad('action');
  return {
    entryId: entry.entryId,
    version: entry.version,
    legalType: entry.legalType,
    action: entry.action,
    validFrom: instant(entry.validFrom, 'validFrom'),
    validUntil: instant(entry.validUntil, 'validUntil'),
    revokedAt:
      entry.revokedAt === undefined || entry.revokedAt === null ? NaN : instant(entry.revokedAt, 'revokedAt'),
    person: preparePerson(entry.person, 'SCREENING.INVALID_ENTRY', 'person'),
  };
}
