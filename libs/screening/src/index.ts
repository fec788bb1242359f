// @simpul/screening: Indonesian-aware name and identifier matching against a watchlist, in memory.
// Framework-free (no Nest, TypeORM or NATS): a service feeds it entries and asks it about travellers.
export type {
  Decision,
  MatchEffect,
  PersonInput,
  ReasonCode,
  ScreenOptions,
  ScreeningMatch,
  ScreeningResult,
  Sex,
  TravelerInput,
  WatchlistAction,
  WatchlistEntryInput,
  WatchlistLegalType,
} from './types.js';
export { REASONS } from './types.js';
export { WatchlistIndex, type IndexStats, type UpsertOutcome } from './index/watchlist-index.js';
export { ScreeningInputError } from './index/prepare.js';
export {
  normaliseName,
  writtenWordCount,
  type NameToken,
  type NormalisedName,
} from './normalise/normalise-name.js';
export { phoneticKey, variantForm } from './phonetic/phonetic-key.js';
export { nikBirth, normaliseNik, type NikBirth } from './identifiers/nik.js';
export { passportKey } from './identifiers/passport.js';
export { POLICY, type LegalTypePolicy } from './score/policy.js';
export {
  loadWatchlist,
  screenLine,
  screenLines,
  type BatchDecision,
  type SkippedLine,
  type WatchlistLoad,
} from './batch/screen-batch.js';
export { checkTraveler, checkWatchlistEntry, type Checked, type Problem } from './input/validate.js';
