import type { EntityManager } from 'typeorm';
import type { SimpulEvent } from '@simpul/contracts';

type IssuedEvent = SimpulEvent<'ministry.watchlist.entry.issued.v1'>;

// 15 parameters per statement, each an array: one statement whatever the number of entries.
const INSERT_ISSUED_ENTRIES_SQL = `INSERT INTO ministry_watchlist_entry
       (id, version, legal_type, action, person, reason, issued_by, decision_number, extension_decision_number,
        valid_from, valid_until, valid_until_at, case_id, origin, status, last_event_id)
     SELECT id, version, legal_type, action, person::jsonb, reason, issued_by, decision_number,
        extension_decision_number, valid_from, valid_until, valid_until_at, case_id, origin::jsonb, 'active', last_event_id
     FROM unnest($1::uuid[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
        $9::text[], $10::text[], $11::text[], $12::timestamptz[], $13::uuid[], $14::text[], $15::uuid[])
       AS t(id, version, legal_type, action, person, reason, issued_by, decision_number, extension_decision_number,
        valid_from, valid_until, valid_until_at, case_id, origin, last_event_id)
     ON CONFLICT (id) DO NOTHING RETURNING id`;

/**
 * Inserts version 1 of an entry; false when the id already exists (a duplicated event re-issuing
 * nothing). Later versions go through the revoke/re-issue path, guarded by the stored version.
 */
export async function insertIssuedEntry(manager: EntityManager, event: IssuedEvent): Promise<boolean> {
  return (await insertIssuedEntries(manager, [event])).length > 0;
}

/**
 * Inserts version 1 of several entries in one statement; returns the events whose entry was
 * inserted now, in the order given. An id that already exists, or that an earlier event of the list
 * already carries, inserts nothing (the first one wins, as with one insert per entry in that order).
 */
export async function insertIssuedEntries(
  manager: EntityManager,
  events: readonly IssuedEvent[],
): Promise<IssuedEvent[]> {
  const seen = new Set<string>();
  const unique = events.filter((e) => !seen.has(e.data.entryId) && seen.add(e.data.entryId));
  if (unique.length === 0) return [];
  const column = <T>(pick: (e: IssuedEvent) => T): T[] => unique.map(pick);
  const rows: Array<{ id: string }> = await manager.query(INSERT_ISSUED_ENTRIES_SQL, [
    column((e) => e.data.entryId),
    column((e) => e.data.version),
    column((e) => e.data.legalType),
    column((e) => e.data.action),
    column((e) => JSON.stringify(e.data.person)),
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
  ]);
  const inserted = new Set(rows.map((r) => r.id.toLowerCase()));
  return unique.filter((e) => inserted.has(e.data.entryId.toLowerCase()));
}
