import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonVault } from '../../identities/person-vault.js';
import { deterministicUuid } from '../../common/ids.js';
import type { CaseLinkKey } from '../case.rules.js';

export interface LinkEventInput {
  eventId: string;
  eventType: string;
  /** When the fact happened (ISO 8601). */
  occurredAt: string;
  /** Polda or checkpoint code, for a new case. */
  region: string;
  /**
   * Report number, interception id, and the NIK, passport and name plus date of birth of each
   * person, as given: `link()` turns the personal ones into blind indexes before any use.
   */
  keys: CaseLinkKey[];
  /** A case the event belongs to whatever its keys say (a screening match on an entry of that case). */
  preferredCaseId?: string | null;
}

/**
 * The advisory locks ($1, bigint[]) taken before linking, one per link key, in the order given
 * (unnest yields the array in order; `caseLinkLockIds` sorts it).
 */
export const LOCK_LINK_KEYS_SQL = `SELECT count(pg_advisory_xact_lock(k)) FROM unnest($1::bigint[]) AS k`;

/**
 * The advisory lock ids of link keys: one per distinct (kind, value), 64 bits of SHA-256 under a
 * namespace of their own, ascending, so that every transaction takes its locks in one global order.
 *
 * Why a lock per key is enough (it replaces one lock for all case linking): a case is only ever
 * found through ministry_case_link rows, and a link row for a key is only ever written by `link()`
 * while holding that key's lock. Two events that could end in the same case share at least one key,
 * so they share that key's lock: the second waits until the first commits, and its lookup (a new
 * READ COMMITTED snapshot, taken after the lock) sees the first's case and links. Two events that
 * share no key cannot find each other's case, so they need not wait for each other. A hash
 * collision only makes two unrelated keys wait for each other. Within one `link()` call the locks
 * are taken in ascending order (no deadlock between two single-event transactions); a consumer
 * batch that links several events in one transaction can still meet another batch in the opposite
 * order: PostgreSQL then aborts one of them (deadlock_detected) and the bus re-applies that batch's
 * events one by one, so it costs time, never correctness.
 */
export function caseLinkLockIds(keys: ReadonlyArray<{ kind: string; value: string }>): string[] {
  const ids = new Set<bigint>();
  for (const key of keys) {
    const digest = createHash('sha256')
      .update(`simpul.ministry.case-link\u001f${key.kind}\u001f${key.value}`, 'utf8')
      .digest();
    ids.add(digest.readBigInt64BE(0));
  }
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
}

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
  constructor(@Inject(PersonVault) private readonly vault: PersonVault) {}

  /** Returns the case id: an existing case sharing any key (the oldest), else a new one. */
  async link(manager: EntityManager, given: LinkEventInput): Promise<string> {
    // NIK, passport and name plus date of birth are stored, locked and looked up only as blind
    // indexes: ministry_case_link never holds them in clear, and matching them still works (`=`).
    const input = { ...given, keys: this.vault.storedLinkKeys(given.keys) };
    // Before any lookup: held until commit, so a case opened here is linked before another event
    // sharing a key looks (see caseLinkLockIds). Also with a preferred case, whose links it adds.
    if (input.keys.length > 0) await manager.query(LOCK_LINK_KEYS_SQL, [caseLinkLockIds(input.keys)]);
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
