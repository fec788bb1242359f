import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { deleteOlderInBatches } from '@simpul/bus';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long an `Idempotency-Key` result is kept (default 7 days, docs/adr/0008-retention.md): a
 * client retries a lost answer within minutes or hours; a week covers a weekend outage. A repeat
 * after that is a new request.
 */
export const DEFAULT_IDEMPOTENCY_RETENTION_DAYS = 7;

/** How often the service prunes (default hourly): each run deletes little, so none takes long. */
export const DEFAULT_IDEMPOTENCY_PRUNE_INTERVAL_MS = 60 * 60 * 1000;

export interface IdempotencyRetentionOptions {
  /** Keys created longer ago than this many days are deleted. */
  retentionDays: number;
  /** Between prune runs, in ms; 0 disables the timer (a test prunes by hand). */
  pruneIntervalMs: number;
  /** Rows per DELETE statement (default 1000). */
  batchSize?: number;
}

export const IDEMPOTENCY_RETENTION = Symbol('IDEMPOTENCY_RETENTION');

/**
 * Deletes idempotency keys older than `retentionDays`, `batchSize` rows per statement until none is
 * left: each DELETE is its own short transaction (created_at is indexed; SKIP LOCKED leaves a key
 * that a request is writing to the next run). The cutoff is fixed first so the loop ends. Returns
 * the number of rows deleted.
 */
export async function pruneIdempotencyKeys(
  dataSource: DataSource,
  retentionDays: number,
  batchSize = 1000,
): Promise<number> {
  return deleteOlderInBatches(dataSource, {
    table: 'http_idempotency_key',
    key: ['unit_id', 'key'],
    timeColumn: 'created_at',
    olderThanMs: retentionDays * DAY_MS,
    batchSize,
  });
}

/** Runs pruneIdempotencyKeys on a timer while the service runs. */
@Injectable()
export class IdempotencyRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('idempotency');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(IDEMPOTENCY_RETENTION) private readonly options: IdempotencyRetentionOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.pruneIntervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.running = this.prune().catch((error: unknown) => {
        // Class name only: a database error can quote a row.
        this.logger.warn(`prune failed: ${error instanceof Error ? error.name : 'error'}`);
      });
    }, this.options.pruneIntervalMs);
    this.timer.unref();
  }

  /** One prune run now; the number of keys deleted. */
  prune(): Promise<number> {
    return pruneIdempotencyKeys(this.dataSource, this.options.retentionDays, this.options.batchSize);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
