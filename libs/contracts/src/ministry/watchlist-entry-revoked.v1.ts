import { DateTime, Describe, Int, Text, Uuid } from '../common/decorators.js';

export const MINISTRY_WATCHLIST_ENTRY_REVOKED_V1 = 'ministry.watchlist.entry.revoked.v1';

/** ministry.watchlist.entry.revoked.v1: KP2MI revoked a watchlist entry before its expiry. */
@Describe('KP2MI revoked a watchlist entry before its expiry.')
export class MinistryWatchlistEntryRevokedV1 {
  /** Id (UUID) of the revoked entry. Not personal data. */
  @Describe('Id (UUID) of the revoked entry. Not personal data.')
  @Uuid()
  entryId!: string;

  /** Version of the entry this revocation supersedes, integer >= 1; an older issue never overrides it. Not personal data. */
  @Describe(
    'Version of the entry this revocation supersedes, integer >= 1; an older issue never overrides it. Not personal data.',
  )
  @Int({ min: 1, max: 2_147_483_647 })
  version!: number;

  /** Why it was revoked, 1-2000 characters. May contain personal data. */
  @Describe('Why it was revoked, 1-2000 characters. May contain personal data.')
  @Text({ max: 2000 })
  reason!: string;

  /** When it was revoked: ISO 8601 date-time with a zone. Not personal data. */
  @Describe('When it was revoked: ISO 8601 date-time with a zone. Not personal data.')
  @DateTime()
  revokedAt!: string;
}
