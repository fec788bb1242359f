import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deterministicUuid } from '../../shared/ids.js';
import type { CaseLinkKey } from '../case.rules.js';

export interface LinkEventInput {
  eventId: string;
  eventType: string;
  /** When the fact happened (ISO 8601). */
  occurredAt: string;
  /** Polda or checkpoint code, for a new case. */
  region: string;
  /** Report number, interception id, and the NIK, passport and name plus date of birth of each person. */
  keys: CaseLinkKey[];
  /** A case the event belongs to whatever its keys say (a screening match on an entry of that case). */
  preferredCaseId?: string | null;
}

// One lock for all case linking: two events of one operation arriving at once (a foiled departure
// and its arrest on two consumers) must not open two cases. Linking is a few indexed statements.
const CASE_LINKING_LOCK = 'simpul.ministry.case-linking';

/**
 * The oldest case sharing any of the keys ($1 kinds, $2 values): one primary-key probe of
 * ministry_case_link (kind, value) per key, whatever the number of cases.
 */
export const OLDEST_CASE_BY_KEYS_SQL = `SELECT l.case_id FROM ministry_case_link l JOIN ministry_case c ON c.id = l.case_id
  WHERE (l.kind, l.value) IN (SELECT * FROM unnest($1::text[], $2::text[]))
  ORDER BY c.opened_at, c.id LIMIT 1`;

/** A checkpoint match or departure delay on a case: ids, checkpoint, decision and time, no traveller details. */
export interface CheckpointFactInput {
  eventId: string;
  caseId: string;
  kind: 'match' | 'delay';
  /** screeningId of a match, delayId of a delay. */
  factId: string;
  checkpoint: string;
  /** A match's decision (refer/deny); a delay's reason. */
  decision: string;
  entryId: string | null;
  screeningId: string | null;
  occurredAt: string;
}

/** Opens or links a case for an incoming event, inside the handler's transaction (with its inbox row). */
@Injectable()
export class LinkEventsService {
  /** Returns the case id: an existing case sharing any key (the oldest), else a new one. */
  async link(manager: EntityManager, input: LinkEventInput): Promise<string> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [CASE_LINKING_LOCK]);
    let caseId = input.preferredCaseId ?? undefined;
    if (caseId) {
      const rows: unknown[] = await manager.query(`SELECT 1 FROM ministry_case WHERE id = $1`, [caseId]);
      if (rows.length === 0) caseId = undefined;
    }
    if (!caseId && input.keys.length > 0) {
      const rows: Array<{ case_id: string }> = await manager.query(OLDEST_CASE_BY_KEYS_SQL, [
        input.keys.map((k) => k.kind),
        input.keys.map((k) => k.value),
      ]);
      caseId = rows[0]?.case_id;
    }
    if (!caseId) {
      caseId = deterministicUuid('case', input.eventId);
      await manager.query(
        `INSERT INTO ministry_case (id, region, opened_by_event_id) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
        [caseId, input.region, input.eventId],
      );
    }
    if (input.keys.length > 0) {
      // A key already linked to another case stays there (first link wins; merging cases is a desk decision).
      await manager.query(
        `INSERT INTO ministry_case_link (kind, value, case_id)
         SELECT k, v, $3 FROM unnest($1::text[], $2::text[]) AS t(k, v)
         ON CONFLICT (kind, value) DO NOTHING`,
        [input.keys.map((k) => k.kind), input.keys.map((k) => k.value), caseId],
      );
    }
    await manager.query(
      `INSERT INTO ministry_case_event (case_id, event_id, event_type, occurred_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [caseId, input.eventId, input.eventType, input.occurredAt],
    );
    return caseId;
  }

  /** Records a checkpoint match or delay on its case, keyed by the event (a duplicate changes nothing). */
  async recordCheckpointFact(manager: EntityManager, fact: CheckpointFactInput): Promise<void> {
    await manager.query(
      `INSERT INTO ministry_case_checkpoint_fact
         (event_id, case_id, kind, fact_id, checkpoint, decision, entry_id, screening_id, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (event_id) DO NOTHING`,
      [
        fact.eventId,
        fact.caseId,
        fact.kind,
        fact.factId,
        fact.checkpoint,
        fact.decision,
        fact.entryId,
        fact.screeningId,
        fact.occurredAt,
      ],
    );
  }
}
