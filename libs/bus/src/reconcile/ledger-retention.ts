import type { DataSource } from 'typeorm';
import { deleteOlderInBatches } from '../retention/delete-older-in-batches.js';

/**
 * How long an acknowledged event stays in the ledger (`bus_ledger`), by default: 24 hours, the
 * window in which the reconciler can republish what a stream lost (docs/contract.md §11). It must
 * stay far below the inbox retention (INBOX_RETENTION_MS, 400 days), which is what makes a late
 * republish harmless to the consumers; the configuration caps it at 30 days.
 */
export const LEDGER_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Deletes ledger rows published longer ago than the retention, `batchSize` per statement. Returns the count. */
export function pruneLedger(
  dataSource: DataSource,
  options: { retentionMs?: number; batchSize?: number } = {},
): Promise<number> {
  return deleteOlderInBatches(dataSource, {
    table: 'bus_ledger',
    key: ['id'],
    timeColumn: 'published_at',
    olderThanMs: options.retentionMs ?? LEDGER_RETENTION_MS,
    batchSize: options.batchSize ?? 1000,
  });
}
