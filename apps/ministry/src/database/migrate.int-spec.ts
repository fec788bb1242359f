// The explicit migration step, up and down, on a database of this file's own.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@simpul/bus/testing';
import { DataSource } from 'typeorm';
import { ministryDataSourceOptions, MINISTRY_MIGRATIONS } from './data-source-options.js';
import { migrateMinistry } from './migrate.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('ministry_migrate');
});

afterAll(async () => {
  await db?.drop();
});

async function tables(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ table_name: string }> = await dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.table_name);
}

describe('ministry migrations', () => {
  it('apply every migration once, then undo them all, leaving no table behind', async () => {
    expect(await migrateMinistry(db.url)).toHaveLength(MINISTRY_MIGRATIONS.length);
    expect(await migrateMinistry(db.url)).toEqual([]);

    const dataSource = new DataSource(ministryDataSourceOptions(db.url));
    await dataSource.initialize();
    try {
      expect(await tables(dataSource)).toEqual(
        expect.arrayContaining([
          'bus_inbox',
          'bus_outbox',
          'ministry_alert',
          'ministry_case',
          'ministry_case_event',
          'ministry_case_link',
          'ministry_company',
          'ministry_company_sanction',
          'ministry_prevented_departure',
          'ministry_watchlist_entry',
        ]),
      );
      for (let i = 0; i < MINISTRY_MIGRATIONS.length; i++) await dataSource.undoLastMigration();
      expect(await tables(dataSource)).toEqual([]);
      // And up again: down left nothing that blocks a fresh run.
      expect((await dataSource.runMigrations()).length).toBe(MINISTRY_MIGRATIONS.length);
    } finally {
      await dataSource.destroy();
    }
  });
});
