// The police migrations, applied and reverted on a database of this file's own (no NATS needed).
import 'reflect-metadata';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@simpul/bus/testing';
import { DataSource } from 'typeorm';
import { policeDataSourceOptions, POLICE_MIGRATIONS } from './data-source-options.js';

jest.setTimeout(30_000);

let db: TestDatabase;
let dataSource: DataSource;

const tables = async (): Promise<string[]> =>
  (
    (await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY table_name`,
    )) as { table_name: string }[]
  ).map((row) => row.table_name);

beforeAll(async () => {
  db = await createTestDatabase('police_migrations');
  dataSource = new DataSource(policeDataSourceOptions(db.url));
  await dataSource.initialize();
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

it('applies every migration, then reverts each one, leaving no table behind', async () => {
  const applied = await dataSource.runMigrations();
  // TypeORM applies by the timestamp ending each name, not by place in the list (blocks are spread in).
  const byTimestamp = POLICE_MIGRATIONS.map((m) => new m().name).sort(
    (a, b) => Number(/\d{13}$/.exec(a)![0]) - Number(/\d{13}$/.exec(b)![0]),
  );
  expect(applied.map((m) => m.name)).toEqual(byTimestamp);
  expect(await tables()).toEqual([
    'arrests',
    'audit_log',
    'bus_attempt',
    'bus_inbox',
    'bus_ledger',
    'bus_outbox',
    'http_idempotency_key',
    'interceptions',
    'leads',
    'matches',
  ]);
  // The lists' indexes: one Polda's records by id (GET /v1/arrests, /v1/interceptions).
  const indexes: Array<{ indexname: string; indexdef: string }> = await dataSource.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('arrests', 'interceptions') ORDER BY indexname`,
  );
  expect(indexes.map((i) => i.indexname)).toEqual(
    expect.arrayContaining(['arrests_polda_arrest_id', 'interceptions_polda_interception_id']),
  );
  expect(indexes.find((i) => i.indexname === 'arrests_polda_arrest_id')?.indexdef).toMatch(
    /\(polda, arrest_id\)/,
  );
  // Nothing is pending: a second run applies nothing.
  expect(await dataSource.runMigrations()).toEqual([]);

  for (let i = 0; i < POLICE_MIGRATIONS.length; i++) await dataSource.undoLastMigration();
  expect(await tables()).toEqual([]);

  // And up again from scratch.
  expect(await dataSource.runMigrations()).toHaveLength(POLICE_MIGRATIONS.length);
});
