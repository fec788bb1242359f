import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DatabaseChangeListener } from '@simpul/bus';
import type { SimpulEvent } from '@simpul/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { ImmigrationConfig } from '../config/immigration.config.js';
import { Clock } from '../deployment/clock.js';
import { EngineWatchlistMatcher, type IndexedEntry, type WatchlistMatcher } from './watchlist-index.js';
import { entryRank, type EntryAction, type LegalType } from './watchlist-entry.rules.js';

/** The channel the replica table's trigger notifies on commit of a change (see its migration). */
export const REPLICA_CHANGE_CHANNEL = 'watchlist_replica_changed';

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
  change_seq: string;
}

/** How far this instance's index has followed the replica table. */
export interface IndexProgress {
  /** The last change of the table (`change_seq`) this index holds. */
  lastChange: number;
  /** The newest change in the table. */
  tableChange: number;
  /** Changes committed to the table and not yet in this index. */
  pendingChanges: number;
  /** Seconds since the oldest of those was applied to the table (0 when none is pending). */
  lagSeconds: number;
}

/** Rows read from the change feed per statement. */
const FEED_BATCH = 1000;

/**
 * The checkpoint's watchlist replica: the `watchlist_replica` table (the truth, applied in the
 * consumer's transaction by whichever instance of the site received the event) and the in-memory
 * index screening reads. The index follows the table's change feed (`change_seq`, stamped in commit
 * order by a trigger): woken by a NOTIFY of any instance's commit, and polled as a safety net. So
 * every instance learns of every committed change, including one whose transaction committed but
 * whose acknowledgement was lost (its redelivery is then skipped as a duplicate).
 */
@Injectable()
export class WatchlistReplicaService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('WatchlistReplica');
  /** The replica's stream position and when it was reached, as of the index's last full read. */
  private lastSequence = 0;
  private lastAppliedAt: Date | null = null;
  /** The last change of the table applied to the index. */
  private lastChange = 0;
  /** One read of the feed at a time; `queued` is the next one, shared by everyone who asks meanwhile. */
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private listener: DatabaseChangeListener | undefined;
  private poll: NodeJS.Timeout | undefined;
  /** Whether the last read of the feed failed (to log an outage once). */
  private feedFailing = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(WATCHLIST_MATCHER) readonly matcher: WatchlistMatcher,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ImmigrationConfig) private readonly config: ImmigrationConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.rebuild();
    this.listener = new DatabaseChangeListener(
      this.config.IMMIGRATION_DATABASE_URL,
      REPLICA_CHANGE_CHANNEL,
      () => void this.refresh(),
    );
    this.listener.start();
    this.poll = setInterval(() => void this.refresh(), this.config.IMMIGRATION_REPLICA_POLL_MS);
    this.poll.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.poll);
    await this.listener?.stop();
    await this.tail;
  }

  /** Reloads the index from the table (at start; also usable by operators after a restore). */
  rebuild(): Promise<void> {
    return this.serially(async () => {
      // The high-water marks first: the rows read next hold at least what they describe.
      const state = await this.readState();
      const rows: ReplicaRow[] = await this.dataSource.query(`SELECT * FROM watchlist_replica`);
      this.matcher.rebuild(rows.map(toIndexed));
      this.lastChange = rows.reduce((max, row) => Math.max(max, Number(row.change_seq)), 0);
      this.setState(state);
    });
  }

  /**
   * Brings every change committed before the call into the index (one read at a time; calls made
   * while one is queued share it). Never rejects: a failed read is logged and the polls retry.
   */
  refresh(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.serially(async () => {
      this.queued = undefined;
      await this.readFeed();
      if (this.feedFailing) this.logger.log(`reading the replica's change feed works again`);
      this.feedFailing = false;
    }).catch((error: unknown) => {
      // Once per outage (a poll every second would repeat it); no personal data: the error's name.
      if (!this.feedFailing)
        this.logger.warn(`reading the replica's change feed failed (${errorName(error)}); polls retry`);
      this.feedFailing = true;
    });
    this.queued = next;
    return next;
  }

  /** Drops expired entries from the index as retention drops them from the table (see `pruneExpired`). */
  pruneIndex(cutoff: Date): Promise<number> {
    return this.serially(async () => this.matcher.pruneExpired(cutoff));
  }

  status(): { sequence: number; asOf: Date | null } {
    return { sequence: this.lastSequence, asOf: this.lastAppliedAt };
  }

  /** How far the index is behind the table (reads the table). */
  async indexProgress(): Promise<IndexProgress> {
    const now = this.clock.now();
    const lastChange = this.lastChange;
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT COALESCE(max(change_seq), 0) FROM watchlist_replica) AS table_change,
              count(*)::int AS pending, min(applied_at) AS oldest
         FROM watchlist_replica WHERE change_seq > $1`,
      [lastChange],
    )) as Array<{ table_change: string; pending: number; oldest: Date | null }>;
    const oldest = row?.oldest ?? null;
    return {
      lastChange,
      tableChange: Math.max(lastChange, Number(row?.table_change ?? 0)),
      pendingChanges: row?.pending ?? 0,
      lagSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
    };
  }

  /**
   * Applies a batch of issues and revokes inside the consumer's transaction with one state update
   * and one multi-row versioned upsert; every instance's index follows from the table's change feed.
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
    // batches touching the same entries queue instead of deadlocking. An older stream position
    // (a redelivery) moves neither the position nor its time.
    await manager.query(
      `UPDATE watchlist_replica_state
         SET last_applied_at = CASE WHEN $1 >= last_sequence THEN $2 ELSE last_applied_at END,
             last_sequence = GREATEST(last_sequence, $1)
       WHERE id = 1`,
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
    // change_seq is stamped by the table's trigger.
    const keep = (c: string) =>
      `${c} = CASE WHEN EXCLUDED.rank % 2 = 0 THEN EXCLUDED.${c} ELSE watchlist_replica.${c} END`;
    await manager.query(
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
         WHERE watchlist_replica.rank < EXCLUDED.rank`,
      [JSON.stringify([...winners.values()])],
    );
  }

  /**
   * Reads the changes after the last one held, in change order, into the index. Change numbers are
   * drawn in commit order (the trigger's advisory lock), so nothing committed later can appear
   * below the last one read.
   */
  private async readFeed(): Promise<void> {
    for (;;) {
      const state = await this.readState();
      const rows: ReplicaRow[] = await this.dataSource.query(
        `SELECT * FROM watchlist_replica WHERE change_seq > $1 ORDER BY change_seq LIMIT $2`,
        [this.lastChange, FEED_BATCH],
      );
      for (const row of rows) {
        this.matcher.put(toIndexed(row));
        this.lastChange = Number(row.change_seq);
      }
      if (rows.length < FEED_BATCH) {
        // Read up to the head after the state was read: the index holds all the state describes.
        this.setState(state);
        return;
      }
    }
  }

  private async readState(): Promise<{ sequence: number; appliedAt: Date | null }> {
    const [state] = (await this.dataSource.query(
      `SELECT last_sequence, last_applied_at FROM watchlist_replica_state WHERE id = 1`,
    )) as Array<{ last_sequence: string; last_applied_at: Date | null }>;
    return { sequence: Number(state?.last_sequence ?? 0), appliedAt: state?.last_applied_at ?? null };
  }

  private setState(state: { sequence: number; appliedAt: Date | null }): void {
    this.lastSequence = state.sequence;
    this.lastAppliedAt = state.appliedAt;
  }

  /** Runs `work` after everything queued before it (which may have failed: it does not matter). */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'error';
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
