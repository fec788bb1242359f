// The engine's own input and output shapes. They are deliberately minimal and framework-free so that
// @simpul/contracts' classes (MinistryWatchlistEntryIssuedV1, Person) satisfy them structurally:
// libs/screening takes only pure functions from the contract library (nikBirth), and never Nest,
// TypeORM or NATS.
// Every name, NIK, passport number and date of birth here is personal data: nothing in this library
// logs it or puts it into an error message; results carry entry ids and reason codes only.

/** Sex as on the identity document. */
export type Sex = 'M' | 'F';

/** What the engine needs to know about a person (a watchlist subject or a traveller). Personal data. */
export interface PersonInput {
  /** Full name as written on the document, any spelling, titles allowed. */
  fullName: string;
  /** Other names or spellings the person is known by. */
  aliases?: readonly string[];
  /** NIK: 16 digits `PP KK CC DDMMYY SSSS` (day + 40 for women). */
  nik?: string;
  /** Passport number, opaque upper-case alphanumeric; O/0 and I/1 confusions are tolerated. */
  passportNumber?: string;
  /** Date of birth `YYYY-MM-DD`. */
  dateOfBirth?: string;
  sex?: Sex;
  /** ISO 3166-1 alpha-3; absent means IDN. */
  nationality?: string;
}

/** A traveller at the desk: a Person (docs/contract.md §5). */
export type TravelerInput = PersonInput;

/** Legal type of a watchlist entry (docs/domain.md): only `cegah` and `dpo` are bans; `advisory` never is. */
export type WatchlistLegalType = 'cegah' | 'dpo' | 'advisory' | 'protective';

/** What a checkpoint does on a match. */
export type WatchlistAction = 'deny_departure' | 'refer' | 'monitor';

/**
 * A watchlist entry as the engine needs it: the `data` of `ministry.watchlist.entry.issued.v1`
 * satisfies this interface as it is (extra fields are ignored).
 */
export interface WatchlistEntryInput {
  /** Stable id (UUID) of the entry across versions. Not personal data. */
  entryId: string;
  /** Version >= 1: a higher version replaces a lower one, never the reverse. */
  version: number;
  legalType: WatchlistLegalType;
  action: WatchlistAction;
  person: PersonInput;
  /** Start of validity, ISO 8601 date-time with a zone. */
  validFrom: string;
  /** End of validity (exclusive), ISO 8601 date-time with a zone. */
  validUntil: string;
  /**
   * When the entry was revoked (ISO 8601), if it was: lets a service rebuild the index from a replica
   * table that keeps revoked rows. A revoked entry never matches from that instant on.
   */
  revokedAt?: string;
}

/** The desk's answer. */
export type Decision = 'clear' | 'refer' | 'deny';

/**
 * What one match does to the decision: `deny` and `refer` as the words say; `monitor` is listed for
 * the record but never changes a `clear` (entries whose action is `monitor`).
 */
export type MatchEffect = 'deny' | 'refer' | 'monitor';

/** One watchlist entry the traveller matched. No personal data: ids, codes and a score. */
export interface ScreeningMatch {
  entryId: string;
  entryVersion: number;
  legalType: WatchlistLegalType;
  action: WatchlistAction;
  /** Calibrated probability (0..1) that traveller and entry are the same person, 3 decimals. */
  score: number;
  effect: MatchEffect;
  /** Stable reason codes that fired, strongest evidence first (see REASONS). */
  reasons: ReasonCode[];
}

export interface ScreeningResult {
  decision: Decision;
  /** Matches, highest score first, ties by entryId; at most `limit` of them. */
  matches: ScreeningMatch[];
}

export interface ScreenOptions {
  /** The instant of the screening: validity and revocation are judged against it (explicit for tests). */
  now: Date;
  /** Most matches to return, default 20. The decision always considers all of them. */
  limit?: number;
}

/** Every reason code the scorer can emit. Codes, never values: safe to log and to publish. */
export const REASONS = [
  'nik_exact',
  'passport_exact',
  'name_exact',
  'name_spelling_variant',
  'name_typo',
  'name_initial',
  'name_compound',
  'name_token_order',
  'name_token_missing',
  'name_token_conflict',
  'name_alias',
  'dob_exact',
  'dob_day_month_swapped',
  'dob_year_only',
  'dob_same_year',
  'dob_year_off_by_one',
  'dob_conflict',
  'sex_match',
  'sex_conflict',
  'nik_conflict',
  'passport_conflict',
  'nationality_conflict',
  'traveler_nik_disagrees_with_dob',
  'traveler_nik_disagrees_with_sex',
  // Why a match is capped (ADR 0013): a one-word name with nothing else both sides carry (monitor);
  // an entry known by name only (refer, never deny); an entry whose date of birth, NIK or passport
  // the traveller does not carry, so only the names were compared (refer, never deny: ADR 0014).
  'insufficient_identification',
  'name_only_entry',
  'names_only_compared',
] as const;

export type ReasonCode = (typeof REASONS)[number];
