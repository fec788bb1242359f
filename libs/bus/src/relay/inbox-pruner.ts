import type { DataSource } from 'typeorm';
import type { BusLogger } from '../logger.js';
import { INBOX_RETENTION_MS, pruneInbox } from '../outbox/inbox-retention.js';
import { PeriodicTask } from '../retention/periodic-task.js';

export interface InboxPrunerOptions {
  dataSource: DataSource;
  /** Rows applied longer ago are deleted (default INBOX_RETENTION_MS, 400 days). */
  retentionMs?: number;
  /** Time between prune runs, in milliseconds (default one hour). */
  intervalMs?: number;
  /** Rows per DELETE statement (default 1000). */
  batchSize?: number;
  logger: BusLogger;
}

/**
 * Runs `pruneInbox` now and then every `intervalMs` until stopped. Several instances of a service
 * may each run it: the batches skip each other's locked rows. A failure (database away) is logged
 * and waits for the next run.
 */
export function inboxPruneTask(options: InboxPrunerOptions): PeriodicTask {
  return new PeriodicTask({
    what: 'inbox prune',
    intervalMs: options.intervalMs ?? 3_600_000,
    logger: options.logger,
    run: async () => {
      const deleted = await pruneInbox(options.dataSource, {
        retentionMs: options.retentionMs ?? INBOX_RETENTION_MS,
        batchSize: options.batchSize,
      });
      if (deleted > 0) options.logger.log(`inbox: pruned ${deleted} rows past retention`);
    },
  });
}
