import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { INBOX_RETENTION_MS } from '@simpul/bus';
import { DataSource } from 'typeorm';
import { ImmigrationConfig } from '../config/immigration.config.js';
import { Clock } from '../deployment/clock.js';
import { WatchlistReplicaService } from '../watchlist/watchlist-replica.service.js';
import { retentionCutoffs } from './retention.rules.js';

/** Rows (and index entries) one pruning round removed. */
export interface PruneCounts {
  screenings: number;
  delays: number;
  replicaRows: number;
  indexEntries: number;
}

/**
 * Prunes what the checkpoint no longer needs (docs/adr/0008-retention.md): screenings past their
 * retention, delays long expired, replica rows of entries long expired, and the same entries from
 * this instance's index (every instance prunes its own index by the same rule, as the table
 * forgets them). Runs every IMMIGRATION_PRUNE_INTERVAL_SECONDS; deletes IMMIGRATION_PRUNE_BATCH
 * rows per statement, each its own short transaction, skipping rows another transaction holds.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ImmigrationRetention');
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<unknown> | undefined;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ImmigrationConfig) private readonly config: ImmigrationConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(WatchlistReplicaService) private readonly replica: WatchlistReplicaService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.round) return; // the previous round is still running
      this.round = this.pruneOnce()
        .catch((error: unknown) => {
          // No personal data: the error's name only.
          this.logger.warn(
            `pruning failed (${error instanceof Error ? error.name : 'error'}); next round retries`,
          );
        })
        .finally(() => (this.round = undefined));
    }, this.config.IMMIGRATION_PRUNE_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
  }

  /** One pruning round at the clock's now. */
  async pruneOnce(): Promise<PruneCounts> {
    const cutoff = retentionCutoffs(this.clock.now(), {
      screenings: this.config.IMMIGRATION_SCREENING_RETENTION_DAYS,
      delays: this.config.IMMIGRATION_DELAY_RETENTION_DAYS,
      replica: this.config.IMMIGRATION_REPLICA_RETENTION_DAYS,
    });
    const screenings = await this.deleteInBatches('screenings', 'screening_id', 'screened_at < $1', [
      cutoff.screenings,
    ]);
    const delays = await this.deleteInBatches('delays', 'delay_id', 'valid_until < $1', [cutoff.delays]);
    // The same expiry the index prunes by (WatchlistMatcher.pruneExpired) and the table is indexed on.
    // A revoke that arrived before its issue leaves a row without an entry (valid_until NULL): the
    // only thing that keeps the late issue from being applied as new. It is kept as long as the
    // issue can still come back (the bus inbox's retention: replay refuses anything older).
    const replicaRows = await this.deleteInBatches(
      'watchlist_replica',
      'entry_id',
      'COALESCE(valid_until, revoked_at) < $1 AND (valid_until IS NOT NULL OR revoked_at < $2)',
      [cutoff.replica, new Date(cutoff.replica.getTime() - INBOX_RETENTION_MS)],
    );
    const indexEntries = await this.replica.pruneIndex(cutoff.replica);
    return { screenings, delays, replicaRows, indexEntries };
  }

  /** Deletes rows of `table` matching `condition` (over `params`), a batch per statement. */
  private async deleteInBatches(
    table: string,
    key: string,
    condition: string,
    params: Date[],
  ): Promise<number> {
    const batch = this.config.IMMIGRATION_PRUNE_BATCH;
    let total = 0;
    for (;;) {
      const [, deleted] = (await this.dataSource.query(
        `DELETE FROM ${table} WHERE ${key} IN (
           SELECT ${key} FROM ${table} WHERE ${condition} LIMIT $${params.length + 1} FOR UPDATE SKIP LOCKED)`,
        [...params, batch],
      )) as [unknown, number];
      total += deleted;
      if (deleted < batch) return total;
    }
  }
}
