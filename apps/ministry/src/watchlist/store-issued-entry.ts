import type { EntityManager } from 'typeorm';
import type { SimpulEvent } from '@simpul/contracts';
import type { PersonVault, SealedPerson } from '../identities/person-vault.js';

type IssuedEvent = SimpulEvent<'ministry.watchlist.entry.issued.v1'>;

// 21 parameters per statement, each an array: one statement whatever the number of entries. The
// phone indexes of a row travel as one JSON text (a SQL array of arrays must be rectangular).
const INSERT_ISSUED_ENTRIES_SQL = `INSERT INTO ministry_watchlist_entry
       (id, version, legal_type, action, person, reason, issued_by, decision_number, extension_decision_number,
        valid_from, valid_until, valid_until_at, case_id, origin, status, last_event_id,
        nik_encrypted, passport_encrypted, nik_index, passport_index, phone_encrypted, phone_indexes)
     SELECT id, version, legal_type, action, person::jsonb, reason, issued_by, decision_number,
        extension_decision_number, valid_from, valid_until, valid_until_at, case_id, origin::jsonb, 'active', last_event_id,
        nik_encrypted, passport_encrypted, nik_index, passport_index, phone_encrypted,
        CASE WHEN phone_indexes IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(phone_indexes::jsonb)) END
     FROM unnest($1::uuid[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
        $9::text[], $10::text[], $11::text[], $12::timestamptz[], $13::uuid[], $14::text[], $15::uuid[],
        $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[])
       AS t(id, version, legal_type, action, person, reason, issued_by, decision_number, extension_decision_number,
        valid_from, valid_until, valid_until_at, case_id, origin, last_event_id,
        nik_encrypted, passport_encrypted, nik_index, passport_index, phone_encrypted, phone_indexes)
     ON CONFLICT (id) DO NOTHING RETURNING id`;

/**
 * Inserts version 1 of an entry; false when the id already exists (a duplicated event re-issuing
 * nothing). Later versions go through the revoke/re-issue path, guarded by the stored version.
 */
export async function insertIssuedEntry(
  manager: EntityManager,
  vault: PersonVault,
  event: IssuedEvent,
): Promise<boolean> {
  return (await insertIssuedEntries(manager, vault, [event])).length > 0;
}

/**
 * Inserts version 1 of several entries in one statement; returns the events whose entry was
 * inserted now, in the order given. An id that already exists, or that an earlier event of the list
 * already carries, inserts nothing (the first one wins, as with one insert per entry in that order).
 * The person is stored sealed: no NIK, passport or phone number in clear (PersonVault).
 */
export async function insertIssuedEntries(
  manager: EntityManager,
  vault: PersonVault,
  events: readonly IssuedEvent[],
): Promise<IssuedEvent[]> {
  const seen = new Set<string>();
  const unique = events.filter((e) => !seen.has(e.data.entryId) && seen.add(e.data.entryId));
  if (unique.length === 0) return [];
  const sealed = new Map<IssuedEvent, SealedPerson>(
    unique.map((e) => [e, vault.sealEntryPerson(e.data.person, e.data.entryId)]),
  );
  const column = <T>(pick: (e: IssuedEvent) => T): T[] => unique.map(pick);
  const sealedColumn = <T>(pick: (s: SealedPerson) => T): T[] => unique.map((e) => pick(sealed.get(e)!));
  const rows: Array<{ id: string }> = await manager.query(INSERT_ISSUED_ENTRIES_SQL, [
    column((e) => e.data.entryId),
    column((e) => e.data.version),
    column((e) => e.data.legalType),
    column((e) => e.data.action),
    sealedColumn((s) => JSON.stringify(s.person)),
    column((e) => e.data.reason),
    column((e) => e.data.issuedBy),
    column((e) => e.data.decisionNumber ?? null),
    column((e) => e.data.extensionDecisionNumber ?? null),
    column((e) => e.data.validFrom),
    column((e) => e.data.validUntil),
    // An instant, not the text: a date-only validUntil is midnight UTC whatever the session time zone.
    column((e) => new Date(e.data.validUntil).toISOString()),
    column((e) => e.data.caseId ?? null),
    column((e) => (e.data.origin ? JSON.stringify(e.data.origin) : null)),
    column((e) => e.id),
    sealedColumn((s) => s.nikEncrypted),
    sealedColumn((s) => s.passportEncrypted),
    sealedColumn((s) => s.nikIndex),
    sealedColumn((s) => s.passportIndex),
    sealedColumn((s) => s.phoneEncrypted),
    sealedColumn((s) => (s.phoneIndexes ? JSON.stringify(s.phoneIndexes) : null)),
  ]);
  const inserted = new Set(rows.map((r) => r.id.toLowerCase()));
  return unique.filter((e) => inserted.has(e.data.entryId.toLowerCase()));
}
