import { Inject, Injectable } from '@nestjs/common';
import type { Person } from '@simpul/contracts';
import type { EntityManager } from 'typeorm';
import { RaiseAlertService } from '../../alerts/raise-alert/raise-alert.service.js';
import { caseLinkLockIds, LOCK_LINK_KEYS_SQL } from '../../cases/link-events/link-events.service.js';
import { PersonVault } from '../../identities/person-vault.js';
import {
  alertForPatrolFinding,
  patrolAlertFact,
  patrolKeys,
  patrolLockKeys,
  type PatrolKey,
} from '../patrol.rules.js';

/** The parties of a police event linked into a case: whose phone numbers and which companies a finding may share. */
export interface CaseParties {
  /** Suspects or candidates: only their phone numbers are read, and only as blind indexes. */
  persons: readonly Person[];
  /** Placement company names (an interception's, each suspect's). */
  companyNames: ReadonlyArray<string | undefined>;
}

/** What a link and its alert need of a finding. */
export interface LinkedFinding {
  id: string;
  platform: string;
  /** Its ministry.patrol.finding.recorded.v1 event. */
  eventId: string;
}

/** Cases sharing any of the keys ($1 kinds, $2 values), the oldest first. */
const CASES_BY_KEYS_SQL = `SELECT k.case_id FROM ministry_case_patrol_key k JOIN ministry_case c ON c.id = k.case_id
  WHERE (k.kind, k.value) IN (SELECT * FROM unnest($1::text[], $2::text[]))
  GROUP BY k.case_id, c.opened_at ORDER BY c.opened_at, k.case_id`;

/** Findings sharing a phone index ($1) or a company key ($2), with what their alert names and traces. */
const FINDINGS_BY_KEYS_SQL = `SELECT f.id, f.platform, f.event_id AS "eventId" FROM ministry_patrol_finding f
  WHERE f.company_key = ANY ($2::text[])
     OR EXISTS (SELECT 1 FROM ministry_patrol_finding_phone p WHERE p.finding_id = f.id AND p.phone_index = ANY ($1::text[]))
  ORDER BY f.id`;

/** Active watchlist entries of a case (not revoked, not past validUntil) and its region. */
const CASE_FOR_ALERT_SQL = `SELECT c.region, (SELECT count(*)::int FROM ministry_watchlist_entry e
    WHERE e.case_id = c.id AND e.status <> 'revoked' AND e.valid_until_at > now()) AS active
  FROM ministry_case c WHERE c.id = $1`;

/**
 * Links cyber patrol findings and cases, from either side: a finding recorded at the desk joins
 * the cases whose suspects or candidates carry one of its phone numbers or whose placement company
 * it names; a police event linked into a case later joins the findings that share its keys. Both
 * sides lock the keys they share before looking (advisory locks, held to commit), so whichever
 * commits second sees the other's rows and the end state is the same in either order.
 */
@Injectable()
export class LinkFindingsService {
  constructor(
    @Inject(PersonVault) private readonly vault: PersonVault,
    @Inject(RaiseAlertService) private readonly alerts: RaiseAlertService,
  ) {}

  /** Takes the advisory locks of `keys` (ascending, so two single-key-set transactions never deadlock). */
  async lock(manager: EntityManager, keys: readonly PatrolKey[]): Promise<void> {
    if (keys.length > 0) await manager.query(LOCK_LINK_KEYS_SQL, [caseLinkLockIds(patrolLockKeys(keys))]);
  }

  /** Cases whose parties share any of `keys`, the oldest first (call after `lock`). */
  async casesSharing(manager: EntityManager, keys: readonly PatrolKey[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows: Array<{ case_id: string }> = await manager.query(CASES_BY_KEYS_SQL, [
      keys.map((k) => k.kind),
      keys.map((k) => k.value),
    ]);
    return rows.map((r) => r.case_id);
  }

  /**
   * Links a finding to a case once (a repeat changes nothing) and, on a new link to a case with an
   * active watchlist entry, raises its patrol_finding alert, one per finding and case, traced to
   * the finding's event and the event that made the link. True when the link is new.
   */
  async linkAndAlert(
    manager: EntityManager,
    finding: LinkedFinding,
    caseId: string,
    causeEventId: string,
  ): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO ministry_patrol_finding_case (finding_id, case_id, linked_by_event_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING case_id`,
      [finding.id, caseId, causeEventId],
    );
    if (inserted.length === 0) return false;
    const rows: Array<{ region: string; active: number }> = await manager.query(CASE_FOR_ALERT_SQL, [caseId]);
    const row = rows[0];
    if (row && row.active > 0) {
      await this.alerts.raise(
        manager,
        caseId,
        alertForPatrolFinding({ platform: finding.platform, region: row.region, activeEntries: row.active }),
        {
          eventId: causeEventId,
          factId: patrolAlertFact(finding.id, caseId),
          sourceEventIds: [...new Set([finding.eventId, causeEventId])],
        },
      );
    }
    return true;
  }

  /**
   * The other direction, in a reaction's transaction after its event was linked into `caseId`:
   * records the case's phone indexes and company keys (keyed, so a redelivery adds nothing) and
   * links every finding already recorded that shares one.
   */
  async recordCaseParties(
    manager: EntityManager,
    caseId: string,
    eventId: string,
    parties: CaseParties,
  ): Promise<void> {
    const keys = patrolKeys({
      phoneIndexes: this.vault.phoneIndexes(parties.persons.flatMap((person) => person.phoneNumbers ?? [])),
      companyNames: parties.companyNames,
    });
    if (keys.length === 0) return;
    await this.lock(manager, keys);
    await manager.query(
      `INSERT INTO ministry_case_patrol_key (kind, value, case_id, event_id)
       SELECT k, v, $3, $4 FROM unnest($1::text[], $2::text[]) AS t(k, v)
       ON CONFLICT DO NOTHING`,
      [keys.map((k) => k.kind), keys.map((k) => k.value), caseId, eventId],
    );
    const findings: LinkedFinding[] = await manager.query(FINDINGS_BY_KEYS_SQL, [
      keys.filter((k) => k.kind === 'phone').map((k) => k.value),
      keys.filter((k) => k.kind === 'company').map((k) => k.value),
    ]);
    for (const finding of findings) await this.linkAndAlert(manager, finding, caseId, eventId);
  }
}
