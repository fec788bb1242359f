import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { versionedUpsert, type EventContext } from '@simpul/bus';
import type { SimpulEvent } from '@simpul/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { afterCommit, installAfterCommit } from '../shared/after-commit.js';
import { Clock } from '../shared/clock.js';
import { ExactWatchlistIndex, type IndexedEntry, type WatchlistMatcher } from './watchlist-index.js';
import { entryRank, type EntryAction, type LegalType } from './watchlist-entry.rules.js';

/** Injection token of the in-memory matcher (swap in libs/screening's engine here). */
export const WATCHLIST_MATCHER = Symbol('WATCHLIST_MATCHER');

export function createWatchlistMatcher(): WatchlistMatcher {
  return new ExactWatchlistIndex();
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
    this.matcher.clear();
    for (const row of rows) this.matcher.apply(toIndexed(row));
    const [state] = (await this.dataSource.query(
      `SELECT last_sequence, last_applied_at FROM watchlist_replica_state WHERE id = 1`,
    )) as Array<{ last_sequence: string; last_applied_at: Date | null }>;
    this.lastSequence = Number(state?.last_sequence ?? 0);
    this.lastAppliedAt = state?.last_applied_at ?? null;
  }

  status(): { sequence: number; asOf: Date | null } {
    return { sequence: this.lastSequence, asOf: this.lastAppliedAt };
  }

  /** Applies an issue or revoke inside the consumer's transaction; the index follows after commit. */
  async apply(event: WatchlistEvent, context: EventContext): Promise<void> {
    const { manager, streamSequence } = context;
    const appliedAt = this.clock.now();
    // The state row first: every watchlist transaction locks it before any entry row, so concurrent
    // batches touching the same entries queue instead of deadlocking.
    await manager.query(
      `UPDATE watchlist_replica_state
         SET last_sequence = GREATEST(last_sequence, $1), last_applied_at = $2 WHERE id = 1`,
      [streamSequence, appliedAt],
    );
    const result =
      event.type === 'ministry.watchlist.entry.issued.v1'
        ? await this.applyIssued(manager, event, streamSequence, appliedAt)
        : await this.applyRevoked(manager, event, streamSequence, appliedAt);
    let indexed: IndexedEntry | undefined;
    if (result !== 'stale') {
      const [row] = (await manager.query(`SELECT * FROM watchlist_replica WHERE entry_id = $1`, [
        event.data.entryId,
      ])) as ReplicaRow[];
      if (row) indexed = toIndexed(row);
    }
    afterCommit(manager, () => {
      if (indexed) this.matcher.apply(indexed);
      if (streamSequence >= this.lastSequence) {
        this.lastSequence = streamSequence;
        this.lastAppliedAt = appliedAt;
      }
    });
  }

  private applyIssued(
    manager: EntityManager,
    event: SimpulEvent<'ministry.watchlist.entry.issued.v1'>,
    streamSequence: number,
    appliedAt: Date,
  ) {
    const d = event.data;
    return versionedUpsert(manager, {
      table: 'watchlist_replica',
      key: { entry_id: d.entryId },
      versionColumn: 'rank',
      version: entryRank(d.version, false),
      values: {
        version: d.version,
        legal_type: d.legalType,
        action: d.action,
        person: JSON.stringify(d.person),
        valid_from: d.validFrom,
        valid_until: d.validUntil,
        revoked_at: null,
        origin: d.origin ? JSON.stringify(d.origin) : null,
        stream_sequence: streamSequence,
        applied_at: appliedAt,
      },
    });
  }

  // A revoke keeps what the issue said (person, dates) and only marks it revoked; arriving first,
  // it leaves a row without a person, which never matches and which an older issue cannot replace.
  private applyRevoked(
    manager: EntityManager,
    event: SimpulEvent<'ministry.watchlist.entry.revoked.v1'>,
    streamSequence: number,
    appliedAt: Date,
  ) {
    const d = event.data;
    return versionedUpsert(manager, {
      table: 'watchlist_replica',
      key: { entry_id: d.entryId },
      versionColumn: 'rank',
      version: entryRank(d.version, true),
      values: {
        version: d.version,
        revoked_at: d.revokedAt,
        stream_sequence: streamSequence,
        applied_at: appliedAt,
      },
    });
  }
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
