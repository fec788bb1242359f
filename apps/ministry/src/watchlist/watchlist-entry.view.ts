import type { EventDataMap, Person } from '@simpul/contracts';
import { entryStatusAt } from './watchlist.rules.js';
import { entryWarnings, type EntryWarning } from './entry-warnings.js';
import type { WatchlistEntryEntity } from './watchlist-entry.entity.js';

export type IssuedEntryData = EventDataMap['ministry.watchlist.entry.issued.v1'];

/** Identifiers an entry holds that a view leaves out (POST /v1/watchlist/:id/reidentify shows them). */
export type WithheldIdentifier = 'nik' | 'passportNumber' | 'phoneNumbers';

/**
 * The desk's view of an entry: the contract's fields plus its status at `now` (expired past
 * validUntil), with the person's NIK, passport and phone numbers left out (Law 21/2007 art. 44): `person`
 * stays a valid Person, and `identifiersWithheld` says which identifiers the entry holds.
 */
export type WatchlistEntryView = IssuedEntryData & {
  status: 'active' | 'revoked' | 'expired';
  revokedAt: string | null;
  identifiersWithheld: WithheldIdentifier[];
  /** Present when the desk should add what identifies the person (ADR 0013): a one-word name and nothing else. */
  warnings?: EntryWarning[];
};

/** The contract data of the entry's current version, with `person` given in full (what a re-issue publishes). */
export function entryData(row: WatchlistEntryEntity, person: Person): IssuedEntryData {
  return {
    entryId: row.id,
    version: row.version,
    legalType: row.legalType as IssuedEntryData['legalType'],
    action: row.action as IssuedEntryData['action'],
    person,
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

/** The view needs no key: the stored person never holds the identifiers, only the sealed columns do. */
export function entryView(row: WatchlistEntryEntity, now: Date): WatchlistEntryView {
  const { nik: _nik, passportNumber: _passport, phoneNumbers: _phones, ...person } = row.person;
  const identified =
    person.dateOfBirth !== undefined || row.nikEncrypted !== null || row.passportEncrypted !== null;
  const warnings = entryWarnings(person, identified);
  return {
    ...entryData(row, person),
    status: entryStatusAt(row.status, row.validUntil, now),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    identifiersWithheld: [
      ...(row.nikEncrypted !== null ? ['nik' as const] : []),
      ...(row.passportEncrypted !== null ? ['passportNumber' as const] : []),
      ...(row.phoneEncrypted !== null ? ['phoneNumbers' as const] : []),
    ],
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
