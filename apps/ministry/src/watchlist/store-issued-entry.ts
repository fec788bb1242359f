import type { EntityManager } from 'typeorm';
import type { SimpulEvent } from '@simpul/contracts';

/**
 * Inserts version 1 of an entry; false when the id already exists (a duplicated event re-issuing
 * nothing). Later versions go through the revoke/re-issue path, guarded by the stored version.
 */
export async function insertIssuedEntry(
  manager: EntityManager,
  event: SimpulEvent<'ministry.watchlist.entry.issued.v1'>,
): Promise<boolean> {
  const data = event.data;
  const rows: unknown[] = await manager.query(
    `INSERT INTO ministry_watchlist_entry
       (id, version, legal_type, action, person, reason, issued_by, decision_number, extension_decision_number,
        valid_from, valid_until, valid_until_at, case_id, origin, status, last_event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'active', $15)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      data.entryId,
      data.version,
      data.legalType,
      data.action,
      JSON.stringify(data.person),
      data.reason,
      data.issuedBy,
      data.decisionNumber ?? null,
      data.extensionDecisionNumber ?? null,
      data.validFrom,
      data.validUntil,
      new Date(data.validUntil),
      data.caseId ?? null,
      data.origin ? JSON.stringify(data.origin) : null,
      event.id,
    ],
  );
  return rows.length > 0;
}
