import type { DataSource } from 'typeorm';
import { deleteOlderInBatches } from '../retention/delete-older-in-batches.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * How long a `bus_inbox` row is kept after its event was applied (default 400 days). The row is
 * what makes a second delivery of the same event a no-op, so it must outlive everything that can
 * bring the event back (docs/adr/0008-retention.md):
 * - JetStream's duplicate window (2 minutes) and the outbox relay's re-publish after a crash
 *   (one lease, 30 s): both far shorter;
 * - redeliveries past a message's attempts (no `max_deliver`: they can come late while DEAD_LETTERS
 *   is down), which never run a handler: acknowledged when the row is there, else dead-lettered;
 * - the event streams' own retention (`TopologyOptions.retentionDays`, default 365 days): a
 *   durable that is deleted and created again re-reads the whole stream. Keep this retention
 *   above the streams' whenever either changes;
 * - dead letters, which DEAD_LETTERS keeps for as long again: there the rule is the other way
 *   round, replay refuses an event older than this retention (less REPLAY_SAFETY_MARGIN_MS).
 */
export const INBOX_RETENTION_MS = 400 * DAY;

/**
 * Replay refuses events whose `time` is within this margin of the inbox retention: a consumer's
 * clock may be ahead of the publisher's, and a prune run may be in progress.
 */
export const REPLAY_SAFETY_MARGIN_MS = DAY;

export interface PruneInboxOptions {
  /** Rows applied longer ago than this are deleted (default INBOX_RETENTION_MS). */
  retentionMs?: number;
  /** Rows deleted per statement (default 1000): each statement holds its row locks briefly. */
  batchSize?: number;
}

/**
 * Deletes inbox rows older than the retention, `batchSize` rows per statement, until none is
 * left. Each DELETE is its own short transaction (no long lock, no table scan: `applied_at` is
 * indexed), and SKIP LOCKED leaves rows that a consumer is touching to the next run. The cutoff is
 * fixed at the start so the loop ends. Returns the number of rows deleted.
 */
export async function pruneInbox(dataSource: DataSource, options: PruneInboxOptions = {}): Promise<number> {
  return deleteOlderInBatches(dataSource, {
    table: 'bus_inbox',
    key: ['consumer', 'event_id'],
    timeColumn: 'applied_at',
    olderThanMs: options.retentionMs ?? INBOX_RETENTION_MS,
    batchSize: options.batchSize ?? 1000,
  });
}
