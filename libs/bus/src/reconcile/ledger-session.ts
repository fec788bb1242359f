import type { DataSource } from 'typeorm';

/**
 * One database session of the reconciler: its statements and its advisory lock stay on one
 * connection. A service opens it from its TypeORM DataSource, `simpul reconcile` from a plain
 * PostgreSQL client.
 */
export interface LedgerSession {
  /** Runs one parameterised statement and returns its rows (for UPDATE … RETURNING too). */
  query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  release(): Promise<void>;
}

/** A session on a connection of `dataSource`'s pool, given back on release. */
export async function dataSourceSession(dataSource: DataSource): Promise<LedgerSession> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  return {
    // Structured results: TypeORM otherwise answers an UPDATE with [rows, count].
    query: async (sql, params) =>
      (await runner.query(sql, params, true)).records as Record<string, unknown>[],
    release: () => runner.release(),
  };
}
