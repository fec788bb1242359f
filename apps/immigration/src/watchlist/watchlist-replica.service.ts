import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { SimpulEvent } from '@simpul/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { afterCommit, installAfterCommit } from '../shared/after-commit.js';
import { Clock } from '../shared/clock.js';
import { EngineWatchlistMatcher, type IndexedEntry, type WatchlistMatcher } from './watchlist-index.js';
import { entryRank, type EntryAction, type LegalType } from './watchlist-entry.rules.js';

/** Injection token of the in-memory matcher (libs/screening's engine). */
export const WATCHLIST_MATCHER = Symbol('WATCHLIST_MATCHER');

export function createWatchlistMatcher(): WatchlistMatcher {
  return new EngineWatchlistMatcher();
}

type WatchlistEvent =
  SimpulEvent<'ministry.watchlist.entry.issued.v1'> | SimpulEvent<'ministry.watchlist.entry.revoked.v1'>;

interface ReplicaRow {
  entry_id: string;
  version: number;
  rank: string;
  legal_type: string | null;
  action: string | null;
  person: IndexedEntry['person'];
  valid_from: Date | null;
  valid_until: Date | null;
  revoked_at: Date | null;
  origin: IndexedEntry['origin'];
}

/**
 * The checkpoint's watchlist replica: the `watchlist_replica` table (the truth, applied in the
 * consumer's transaction) and the in-memory index screening reads, rebuilt from the table at start
 * and updated after each commit.
 */
@Injectable()
export class WatchlistReplicaService implements OnModuleInit {
  /** Last applied stream sequence and when (in memory, after commit; the table holds the same). */
  private lastSequence = 0;
  private lastAppliedAt: Date | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WATCHLIST_MATCHER) readonly matcher: WatchlistMatcher,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    installAfterCommit(this.dataSource);
    await this.rebuild();
  }

  /** Reloads the index from the table (at start; also usable by operators after a restore). */
  async rebuild(): Promise<void> {
    const rows: ReplicaRow[] = await this.dataSource.query(`SELECT * FROM watchlist_replica`);
    this.matcher.rebuild(rows.map(toIndexed));
    const [state] = (await this.dataSource.query(
      `SELECT last_sequence, last_applied_at FROM watchlist_replica_state WHERE id = 1`,
    )) as Array<{ last_sequence: string; last_applied_at: Date | null }>;
    this.lastSequence = Number(state?.last_sequence ?? 0);
    this.lastAppliedAt = state?.last_applied_at ?? null;
  }

  status(): { sequence: number; asOf: Date | null } {
    return { sequence: this.lastSequence, asOf: this.lastAppliedAt };
  }

  /**
   * Applies a batch of issues and revokes inside the consumer's transaction with one state update
   * and one multi-row versioned upsert; the index follows after commit, from the rows written.
   *
   * Same rule as one event at a time: rank = 2 × version (+1 for a revoke), and a row is only
   * replaced by a strictly higher rank. Within the batch each entry keeps its highest-ranked event
   * (the first one on a tie, as applying them in order would): a statement may touch a row once.
   * An issue replaces the whole row; a revoke only marks it revoked and keeps what the issue said
   * (person, dates); arriving first, it leaves a row without a person, which never matches and
   * which an older issue cannot replace.
   */
  async applyBatch(
    events: readonly WatchlistEvent[],
    context: { manager: EntityManager; deliveries: ReadonlyArray<{ streamSequence: number }> },
  ): Promise<void> {
    if (events.length === 0) return;
    const { manager, deliveries } = context;
    const appliedAt = this.clock.now();
    const streamSequence = Math.max(...deliveries.map((d) => d.streamSequence));
    // The state row first: every watchlist transaction locks it before any entry row, so concurrent
    // batches touching the same entries queue instead of deadlocking.
    await manager.query(
      `UPDATE watchlist_replica_state
         SET last_sequence = GREATEST(last_sequence, $1), last_applied_at = $2 WHERE id = 1`,
      [streamSequence, appliedAt],
    );
    const winners = new Map<string, ReplicaInput>();
    events.forEach((event, i) => {
      const row = toInput(event, deliveries[i]!.streamSequence, appliedAt);
      const key = row.entry_id.toLowerCase(); // as the uuid column compares
      const held = winners.get(key);
      if (!held || held.rank < row.rank) winners.set(key, row);
    });
    // Issue-only columns take the incoming value for an issue (even rank) and keep the stored one
    // for a revoke. Keys are sorted so concurrent batches lock entry rows in the same order.
    const keep = (c: string) =>
      `${c} = CASE WHEN EXCLUDED.rank % 2 = 0 THEN EXCLUDED.${c} ELSE watchlist_replica.${c} END`;
    const written = (await manager.query(
      `INSERT INTO watchlist_replica
         (entry_id, version, rank, legal_type, action, person, valid_from, valid_until, revoked_at,
          origin, stream_sequence, applied_at)
       SELECT entry_id, version, rank, legal_type, action, person, valid_from, valid_until, revoked_at,
              origin, stream_sequence, applied_at
         FROM jsonb_to_recordset($1::jsonb) AS x(
           entry_id uuid, version integer, rank bigint, legal_type text, action text, person jsonb,
           valid_from timestamptz, valid_until timestamptz, revoked_at timestamptz, origin jsonb,
           stream_sequence bigint, applied_at timestamptz)
         ORDER BY entry_id
       ON CONFLICT (entry_id) DO UPDATE SET
         version = EXCLUDED.version, rank = EXCLUDED.rank, revoked_at = EXCLUDED.revoked_at,
         stream_sequence = EXCLUDED.stream_sequence, applied_at = EXCLUDED.applied_at,
         ${['legal_type', 'action', 'person', 'valid_from', 'valid_until', 'origin'].map(keep).join(', ')}
         WHERE watchlist_replica.rank < EXCLUDED.rank
       RETURNING *`,
      [JSON.stringify([...winners.values()])],
    )) as ReplicaRow[];
    const indexed = written.map(toIndexed);
    afterCommit(manager, () => {
      for (const entry of indexed) this.matcher.apply(entry);
      if (streamSequence >= this.lastSequence) {
        this.lastSequence = streamSequence;
        this.lastAppliedAt = appliedAt;
      }
    });
  }
}

/** One row to upsert, as JSON for `jsonb_to_recordset`. */
interface ReplicaInput {
  entry_id: string;
  version: number;
  rank: number;
  legal_type: string | null;
  action: string | null;
  person: unknown;
  valid_from: string | null;
  valid_until: string | null;
  revoked_at: string | null;
  origin: unknown;
  stream_sequence: number;
  applied_at: string;
}

function toInput(event: WatchlistEvent, streamSequence: number, appliedAt: Date): ReplicaInput {
  const common = { stream_sequence: streamSequence, applied_at: appliedAt.toISOString() };
  if (event.type === 'ministry.watchlist.entry.issued.v1') {
    const d = event.data;
    return {
      entry_id: d.entryId,
      version: d.version,
      rank: entryRank(d.version, false),
      legal_type: d.legalType,
      action: d.action,
      person: d.person,
      valid_from: d.validFrom,
      valid_until: d.validUntil,
      revoked_at: null,
      origin: d.origin ?? null,
      ...common,
    };
  }
  const d = event.data;
  return {
    entry_id: d.entryId,
    version: d.version,
    rank: entryRank(d.version, true),
    legal_type: null,
    action: null,
    person: null,
    valid_from: null,
    valid_until: null,
    revoked_at: d.revokedAt,
    origin: null,
    ...common,
  };
}

function toIndexed(row: ReplicaRow): IndexedEntry {
  return {
    entryId: row.entry_id,
    version: row.version,
    rank: Number(row.rank),
    legalType: row.legal_type as LegalType | null,
    action: row.action as EntryAction | null,
    person: row.person,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    revokedAt: row.revoked_at,
    origin: row.origin,
  };
}
