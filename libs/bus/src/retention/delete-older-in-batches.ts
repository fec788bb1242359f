import type { DataSource } from 'typeorm';

/** Which rows a pruning removes: those of `table` whose `timeColumn` is more than `olderThanMs` old. */
export interface OlderRows {
  /** Table name (a constant of the caller's, never input). */
  table: string;
  /** Its primary key columns. */
  key: string[];
  /** An indexed timestamptz column. */
  timeColumn: string;
  olderThanMs: number;
  /** Rows per DELETE statement (default 1000). */
  batchSize?: number;
}

/**
 * Deletes the rows `rows` selects, `batchSize` per statement, until none is left. Each DELETE is
 * its own short transaction (no long lock; the time column is indexed) and SKIP LOCKED leaves a
 * row another transaction is touching to the next run. The cutoff is fixed first (the database's
 * clock) so the loop ends. Returns the number of rows deleted. The one batched pruning of the bus
 * inbox and the HTTP idempotency keys.
 */
export async function deleteOlderInBatches(dataSource: DataSource, rows: OlderRows): Promise<number> {
  const batchSize = rows.batchSize ?? 1000;
  const [{ cutoff }] = (await dataSource.query(
    `SELECT now() - $1::bigint * interval '1 millisecond' AS cutoff`,
    [Math.round(rows.olderThanMs)],
  )) as [{ cutoff: Date }];
  const key = rows.key.join(', ');
  const join = rows.key.map((column) => `t.${column} = old.${column}`).join(' AND ');
  let deleted = 0;
  for (;;) {
    const [, count] = (await dataSource.query(
      `DELETE FROM ${rows.table} t
        USING (SELECT ${key} FROM ${rows.table}
                WHERE ${rows.timeColumn} < $1
                LIMIT $2
                FOR UPDATE SKIP LOCKED) old
        WHERE ${join}`,
      [cutoff, batchSize],
    )) as [unknown, number];
    deleted += count;
    if (count < batchSize) return deleted;
  }
}
