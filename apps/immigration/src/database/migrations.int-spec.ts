// Migrations are an explicit step, tested up and down: the migrate entry applies them (exit 0,
// twice without harm), and the immigration migration reverts cleanly.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { createTestDatabase, spawnTs, type TestDatabase } from '@simpul/bus/testing';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { IMMIGRATION_MIGRATIONS, immigrationDataSourceOptions } from './data-source-options.js';

jest.setTimeout(60_000);

const MIGRATE = fileURLToPath(new URL('./migrate.ts', import.meta.url));
const TABLES = ['audit_log', 'delays', 'screenings', 'watchlist_replica', 'watchlist_replica_state'];

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('immigration_migrations');
});

afterAll(async () => {
  await db?.drop();
});

function runMigrate(): Promise<{ code: number | null; output: string }> {
  let output = '';
  const child = spawnTs(MIGRATE, [], {
    env: { IMMIGRATION_DATABASE_URL: db.url },
    onOutput: (line) => (output += `${line}\n`),
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

async function tables(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ table_name: string }> = await dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1)
      ORDER BY table_name`,
    [TABLES],
  );
  return rows.map((r) => r.table_name);
}

it('migrates up with the migrate entry (idempotently), down, and up again', async () => {
  const first = await runMigrate();
  expect(first).toMatchObject({ code: 0 });
  expect((await runMigrate()).code).toBe(0);

  const dataSource = new DataSource(immigrationDataSourceOptions(db.url));
  await dataSource.initialize();
  try {
    expect(await tables(dataSource)).toEqual(TABLES);
    // Every migration, newest first (however many the bus, the audit log and this app ship).
    for (let i = 0; i < IMMIGRATION_MIGRATIONS.length; i++) await dataSource.undoLastMigration();
    expect(await tables(dataSource)).toEqual([]);
    await dataSource.runMigrations();
    expect(await tables(dataSource)).toEqual(TABLES);
    expect(await dataSource.query(`SELECT last_sequence FROM watchlist_replica_state`)).toEqual([
      { last_sequence: '0' },
    ]);
  } finally {
    await dataSource.destroy();
  }
});
