import type { EventDataMap } from '@simpul/contracts';
import { entryStatusAt } from './watchlist.rules.js';
import type { WatchlistEntryEntity } from './watchlist-entry.entity.js';

export type IssuedEntryData = EventDataMap['ministry.watchlist.entry.issued.v1'];

/** The desk's view of an entry: the contract's fields plus its status at `now` (expired past validUntil). */
export type WatchlistEntryView = IssuedEntryData & {
  status: 'active' | 'revoked' | 'expired';
  revokedAt: string | null;
};

/** The contract data of the entry's current version (what a re-issue would publish). */
export function entryData(row: WatchlistEntryEntity): IssuedEntryData {
  return {
    entryId: row.id,
    version: row.version,
    legalType: row.legalType as IssuedEntryData['legalType'],
    action: row.action as IssuedEntryData['action'],
    person: row.person,
    reason: row.reason,
    issuedBy: row.issuedBy,
    ...(row.decisionNumber !== null ? { decisionNumber: row.decisionNumber } : {}),
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    ...(row.extensionDecisionNumber !== null ? { extensionDecisionNumber: row.extensionDecisionNumber } : {}),
    ...(row.caseId !== null ? { caseId: row.caseId } : {}),
    ...(row.origin !== null ? { origin: row.origin } : {}),
  };
}

export function entryView(row: WatchlistEntryEntity, now: Date): WatchlistEntryView {
  return {
    ...entryData(row),
    status: entryStatusAt(row.status, row.validUntil, now),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
