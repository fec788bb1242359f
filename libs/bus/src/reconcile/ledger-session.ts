import type { DataSource } from 'typeorm';

/**
 * One database session of the reconciler: its statements and its advisory lock stay on one
 * connection. A service opens it from its TypeORM DataSource, `simpul reconcile` from a plain
 * PostgreSQL client.
 */
export interface LedgerSession {
  /** Runs one parameterised statement and returns its rows (for UPDATE … RETURNING too). */
  query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /** Gives the connection back; `failed`: a run failed midway, so its locks may still be held. */
  release(failed?: boolean): Promise<void>;
}

/** A session on a connection of `dataSource`'s pool, given back on release. */
export async function dataSourceSession(dataSource: DataSource): Promise<LedgerSession> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  return {
    // Structured results: TypeORM otherwise answers an UPDATE with [rows, count].
    query: async (sql, params) =>
      (await runner.query(sql, params, true)).records as Record<string, unknown>[],
    release: async (failed) => {
      // A pooled connection must not go back holding the reconciler's lock: every later run would
      // be skipped. A broken connection fails this too, and the pool drops it on its error.
      if (failed) await runner.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      await runner.release();
    },
  };
}
