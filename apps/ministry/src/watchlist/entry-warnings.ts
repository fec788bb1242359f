// What the desk should know about an entry it issues (ADR 0013): a one-word name with no date of
// birth, NIK or passport cannot tell one Ani from a thousand, so checkpoints only list its matches
// for the record (monitor) and never stop or refer anyone on it. Computed from the entry, never
// stored, so an entry completed by a re-issue loses its warning without a migration.
import { normaliseName, writtenWordCount } from '@simpul/screening';

export type EntryWarning = 'insufficient_identification';

/** The warnings on an entry known by these names, with or without a date of birth, NIK or passport. */
export function entryWarnings(
  names: { fullName: string; aliases?: readonly string[] },
  identified: boolean,
): EntryWarning[] {
  if (identified) return [];
  // words as the checkpoints' screening counts them: titles dropped, old spellings folded, a split
  // compound (Tri|yanto) still one word
  const longest = Math.max(
    ...[names.fullName, ...(names.aliases ?? [])].map((n) => writtenWordCount(normaliseName(n).tokens)),
  );
  return longest <= 1 ? ['insufficient_identification'] : [];
}

/** The warnings on a person as an event carries them (identifiers in clear): issue and re-issue answers. */
export function personWarnings(person: {
  fullName: string;
  aliases?: readonly string[];
  dateOfBirth?: string;
  nik?: string;
  passportNumber?: string;
}): EntryWarning[] {
  const identified =
    person.dateOfBirth !== undefined || person.nik !== undefined || person.passportNumber !== undefined;
  return entryWarnings(person, identified);
}
