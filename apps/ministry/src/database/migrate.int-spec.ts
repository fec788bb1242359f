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
          'ministry_case_checkpoint_fact',
          'ministry_case_event',
          'ministry_case_link',
          'ministry_company',
          'ministry_company_sanction',
          'ministry_idempotency_key',
          'ministry_prevented_departure',
          'ministry_watchlist_entry',
        ]),
      );
      // The latest migration down, alone: its tables go, name links are dropped, the first migration's stay.
      await dataSource.query(
        `INSERT INTO ministry_case (id, region, opened_by_event_id) VALUES ($1, 'riau', $1)`,
        ['0190a000-0000-7000-8000-000000000001'],
      );
      await dataSource.query(
        `INSERT INTO ministry_case_link (kind, value, case_id) VALUES ('name_dob', 'x|2000-01-01', $1), ('report', 'LP/1', $1)`,
        ['0190a000-0000-7000-8000-000000000001'],
      );
      await dataSource.undoLastMigration();
      const afterOne = await tables(dataSource);
      expect(afterOne).not.toContain('ministry_idempotency_key');
      expect(afterOne).not.toContain('ministry_case_checkpoint_fact');
      expect(afterOne).toContain('ministry_case_link');
      expect(await dataSource.query(`SELECT kind FROM ministry_case_link`)).toEqual([{ kind: 'report' }]);
      await dataSource.query(`DELETE FROM ministry_case_link`);
      await dataSource.query(`DELETE FROM ministry_case`);
      for (let i = 1; i < MINISTRY_MIGRATIONS.length; i++) await dataSource.undoLastMigration();
      expect(await tables(dataSource)).toEqual([]);
      // And up again: down left nothing that blocks a fresh run.
      expect((await dataSource.runMigrations()).length).toBe(MINISTRY_MIGRATIONS.length);
    } finally {
      await dataSource.destroy();
    }
  });

  it('links the persons of cases opened before name links, by their watchlist entries (oldest entry wins)', async () => {
    const dataSource = new DataSource(ministryDataSourceOptions(db.url));
    await dataSource.initialize();
    try {
      await dataSource.undoLastMigration();
      const [older, newer] = ['0190a000-0000-7000-8000-00000000000a', '0190a000-0000-7000-8000-00000000000b'];
      for (const id of [older, newer]) {
        await dataSource.query(
          `INSERT INTO ministry_case (id, region, opened_by_event_id) VALUES ($1, 'riau', $1)`,
          [id],
        );
      }
      const entry = (n: number, caseId: string, person: object, issuedAt: string) =>
        dataSource.query(
          `INSERT INTO ministry_watchlist_entry (id, version, legal_type, action, person, reason, issued_by, valid_from,
             valid_until, valid_until_at, case_id, issued_at, last_event_id)
           VALUES ($1, 1, 'dpo', 'deny_departure', $2, 'r', 'i', '2025-07-01T00:00:00Z', '2025-12-01T00:00:00Z',
             '2025-12-01T00:00:00Z', $3, $4, $1)`,
          [
            `0190a000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`,
            JSON.stringify(person),
            caseId,
            issuedAt,
          ],
        );
      await entry(1, newer, { fullName: 'AHMAD FAUZI', dateOfBirth: '1985-03-12' }, '2025-07-02T00:00:00Z');
      await entry(
        2,
        older,
        { fullName: 'H. Ahmad Fauzi', dateOfBirth: '1985-03-12' },
        '2025-07-01T00:00:00Z',
      );
      await entry(3, newer, { fullName: 'Siti Aminah' }, '2025-07-02T00:00:00Z');
      await entry(
        4,
        newer,
        { fullName: 'Hj. Siti Aminah', dateOfBirth: '1990-01-01' },
        '2025-07-02T00:00:00Z',
      );
      expect(await migrateMinistry(db.url)).toEqual([MINISTRY_MIGRATIONS.at(-1)!.name]);
      expect(
        await dataSource.query(
          `SELECT value, case_id FROM ministry_case_link WHERE kind = 'name_dob' ORDER BY value`,
        ),
      ).toEqual([
        { value: 'ahmad fauzi|1985-03-12', case_id: older },
        { value: 'siti aminah|1990-01-01', case_id: newer },
      ]);
    } finally {
      await dataSource.destroy();
    }
  });
});
