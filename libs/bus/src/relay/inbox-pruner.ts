import type { DataSource } from 'typeorm';
import { describeError } from '../errors.js';
import { consoleLogger, type BusLogger } from '../logger.js';
import { INBOX_RETENTION_MS, pruneInbox } from '../outbox/inbox-retention.js';

export interface InboxPrunerOptions {
  dataSource: DataSource;
  /** Rows applied longer ago are deleted (default INBOX_RETENTION_MS, 400 days). */
  retentionMs?: number;
  /** Time between prune runs, in milliseconds (default one hour). */
  intervalMs?: number;
  /** Rows per DELETE statement (default 1000). */
  batchSize?: number;
  logger?: BusLogger;
}

/**
 * Runs `pruneInbox` now and then every `intervalMs` until stopped. Several instances of a service
 * may each run it: the batches skip each other's locked rows. A failure (database away) is logged
 * and waits for the next run.
 */
export class InboxPruner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly logger: BusLogger;

  constructor(private readonly options: InboxPrunerOptions) {
    this.logger = options.logger ?? consoleLogger('bus:inbox');
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One prune run (also what the timer calls). Returns the rows deleted. */
  async pruneOnce(): Promise<number> {
    return pruneInbox(this.options.dataSource, {
      retentionMs: this.options.retentionMs ?? INBOX_RETENTION_MS,
      batchSize: this.options.batchSize,
    });
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.pruneOnce()
        .then((deleted) => {
          if (deleted > 0) this.logger.log(`inbox: pruned ${deleted} rows past retention`);
        })
        .catch((error: unknown) => {
          const d = describeError(error);
          this.logger.warn(`inbox prune failed (${d.code}: ${d.message}); next run in one interval`);
        })
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.options.intervalMs ?? 3_600_000);
        });
    }, delayMs);
    // A pending prune must not keep a process alive.
    this.timer.unref();
  }
}
