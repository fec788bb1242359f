import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** Connection URL of the new database. */
  url: string;
  name: string;
  /** Drops the database (terminating leftover connections). */
  drop(): Promise<void>;
}

/** Superuser connection the test databases are created through: $TEST_DATABASE_URL, else local trust auth. */
export function adminDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/**
 * A fresh PostgreSQL database for one test file, named `<prefix>_test_<random>`. Refuses any name
 * without `test` (docs/conventions.md §11): test code must never be able to drop a real database.
 */
export async function createTestDatabase(prefix = 'bus'): Promise<TestDatabase> {
  const safePrefix = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 30);
  const name = `${safePrefix}_test_${randomBytes(4).toString('hex')}`;
  assertTestName(name);
  const admin = adminDatabaseUrl();
  await withClient(admin, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      assertTestName(name);
      await withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

function assertTestName(name: string): void {
  if (!name.includes('test'))
    throw new Error(`refusing to touch database '${name}': test databases have 'test' in their name`);
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
