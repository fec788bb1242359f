// What the watchlist use cases refuse, as coded domain errors (the exception filter picks the status).
import { DomainError } from '@simpul/http';

/** The entry id is not a UUID or names no stored entry. */
export class WatchlistEntryNotFound extends DomainError {
  constructor() {
    super('MINISTRY.WATCHLIST_ENTRY_NOT_FOUND', 'notFound', 'watchlist entry not found');
  }
}

/** A revoked entry cannot be revoked again. */
export class WatchlistEntryAlreadyRevoked extends DomainError {
  constructor() {
    super('MINISTRY.WATCHLIST_ENTRY_ALREADY_REVOKED', 'conflict', 'the watchlist entry is already revoked');
  }
}
