// The explicit migration step, up and down, on a database of this file's own.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@simpul/bus/testing';
import { generatePrivacyKeys } from '@simpul/privacy';
import { DataSource } from 'typeorm';
import { PersonVault } from '../identities/person-vault.js';
import { ministryDataSourceOptions, MINISTRY_MIGRATIONS } from './data-source-options.js';
import { migrateMinistry } from './migrate.js';
import { MoveIdempotencyKeysToHttp1797300000001 } from './migrations/1797300000001-move-idempotency-keys-to-http.js';
import { AlertChangeFeed1797600000001 } from './migrations/1797600000001-alert-change-feed.js';
import { NameLinksIdempotencyCheckpointFacts1795828453000 } from './migrations/1795828453000-name-links-idempotency-checkpoint-facts.js';
import { PseudonymiseIdentities1796100000000 } from './migrations/1796100000000-pseudonymise-identities.js';
import { SealPhoneNumbers1797900000001 } from './migrations/1797900000001-seal-phone-numbers.js';

let db: TestDatabase;
/** Jest gives each test file its own process.env: the keys the migration reads stay within this file. */
const privacyKeys = generatePrivacyKeys('test');
const vault = PersonVault.fromSettings(privacyKeys.encryptionKey, privacyKeys.indexKey);

function setPrivacyEnv(on: boolean): void {
  if (on) {
    process.env.MINISTRY_PII_ENCRYPTION_KEY = privacyKeys.encryptionKey;
    process.env.MINISTRY_PII_INDEX_KEY = privacyKeys.indexKey;
  } else {
    delete process.env.MINISTRY_PII_ENCRYPTION_KEY;
    delete process.env.MINISTRY_PII_INDEX_KEY;
  }
}

/**
 * The migrations in the order TypeORM applies them: by the timestamp ending each name, not by their
 * place in the list (BUS_MIGRATIONS and HTTP_MIGRATIONS are spread in as blocks).
 */
const APPLY_ORDER = [...MINISTRY_MIGRATIONS].sort(
  (a, b) => Number(/\d{13}$/.exec(new a().name)![0]) - Number(/\d{13}$/.exec(new b().name)![0]),
);

/** How many migrations to undo so that `migration` is the last one undone (the latest first). */
function undoneThrough(migration: new () => object): number {
  return APPLY_ORDER.length - APPLY_ORDER.indexOf(migration as never);
}

/** The names of `migration` and every later one, in the order they apply. */
function namesFrom(migration: new () => object): string[] {
  return APPLY_ORDER.slice(APPLY_ORDER.indexOf(migration as never)).map((m) => new m().name);
}

beforeAll(async () => {
  db = await createTestDatabase('ministry_migrate');
  setPrivacyEnv(true);
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
          'http_idempotency_key',
          'ministry_prevented_departure',
          'ministry_dispatch',
          'ministry_patrol_finding',
          'ministry_patrol_finding_case',
          'ministry_patrol_finding_phone',
          'ministry_case_patrol_key',
          'ministry_referral',
          'ministry_watchlist_entry',
        ]),
      );
      // The name-links migration down (with the later ones): its tables go, name links are dropped, the first migration's stay.
      await dataSource.query(
        `INSERT INTO ministry_case (id, region, opened_by_event_id) VALUES ($1, 'riau', $1)`,
        ['0190a000-0000-7000-8000-000000000001'],
      );
      await dataSource.query(
        `INSERT INTO ministry_case_link (kind, value, case_id) VALUES ('name_dob', 'x|2000-01-01', $1), ('report', 'LP/1', $1)`,
        ['0190a000-0000-7000-8000-000000000001'],
      );
      const undone = undoneThrough(NameLinksIdempotencyCheckpointFacts1795828453000);
      for (let i = 0; i < undone; i++) await dataSource.undoLastMigration();
      const afterOne = await tables(dataSource);
      expect(afterOne).not.toContain('ministry_idempotency_key');
      expect(afterOne).not.toContain('ministry_case_checkpoint_fact');
      expect(afterOne).toContain('ministry_case_link');
      expect(await dataSource.query(`SELECT kind FROM ministry_case_link`)).toEqual([{ kind: 'report' }]);
      await dataSource.query(`DELETE FROM ministry_case_link`);
      await dataSource.query(`DELETE FROM ministry_case`);
      for (let i = undone; i < MINISTRY_MIGRATIONS.length; i++) await dataSource.undoLastMigration();
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
      for (let i = undoneThrough(NameLinksIdempotencyCheckpointFacts1795828453000); i > 0; i--) {
        await dataSource.undoLastMigration();
      }
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
      expect(await migrateMinistry(db.url)).toEqual(
        namesFrom(NameLinksIdempotencyCheckpointFacts1795828453000),
      );
      // Stored as keyed hashes by the pseudonymisation that follows.
      const links: Array<{ value: string; case_id: string }> = await dataSource.query(
        `SELECT value, case_id FROM ministry_case_link WHERE kind = 'name_dob'`,
      );
      expect(links).toHaveLength(2);
      expect(links).toEqual(
        expect.arrayContaining([
          { value: vault.index.ofText('name_dob', 'ahmad fauzi|1985-03-12'), case_id: older },
          { value: vault.index.ofText('name_dob', 'siti aminah|1990-01-01'), case_id: newer },
        ]),
      );
    } finally {
      await dataSource.destroy();
    }
  });

  it('pseudonymises existing identifiers in place (keys from the environment), and fails without the keys when there are some', async () => {
    const dataSource = new DataSource(ministryDataSourceOptions(db.url));
    await dataSource.initialize();
    try {
      for (let i = undoneThrough(PseudonymiseIdentities1796100000000); i > 0; i--) {
        await dataSource.undoLastMigration();
      }
      await dataSource.query(`DELETE FROM ministry_case_link`);
      await dataSource.query(`DELETE FROM ministry_watchlist_entry`);
      const [older, newer] = ['0190a000-0000-7000-8000-00000000000c', '0190a000-0000-7000-8000-00000000000d'];
      for (const [id, at] of [
        [older, '2025-07-01T00:00:00Z'],
        [newer, '2025-07-02T00:00:00Z'],
      ]) {
        await dataSource.query(
          `INSERT INTO ministry_case (id, region, opened_by_event_id, opened_at) VALUES ($1, 'riau', $1, $2)`,
          [id, at],
        );
      }
      const entryId = '0190a000-0000-7000-8000-000000000201';
      const person = {
        fullName: 'Siti Aminah',
        nik: '3201014507900001',
        passportNumber: 'C1234567',
        dateOfBirth: '1990-07-05',
        sex: 'F',
      };
      await dataSource.query(
        `INSERT INTO ministry_watchlist_entry (id, version, legal_type, action, person, reason, issued_by, valid_from,
           valid_until, valid_until_at, case_id, last_event_id)
         VALUES ($1, 1, 'protective', 'refer', $2, 'r', 'i', '2025-07-01T00:00:00Z', '2025-09-29T00:00:00Z',
           '2025-09-29T00:00:00Z', $3, $1)`,
        [entryId, JSON.stringify(person), older],
      );
      // Two spellings of one passport (I read as 1) on two cases: one index, kept by the older case.
      await dataSource.query(
        `INSERT INTO ministry_case_link (kind, value, case_id) VALUES ('nik', $1, $2), ('passport', 'C1234567', $2),
           ('passport', 'CI234567', $3), ('name_dob', 'siti aminah|1990-07-05', $2), ('report', 'LP/9', $2)`,
        [person.nik, older, newer],
      );

      setPrivacyEnv(false);
      const failure = await migrateMinistry(db.url).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(failure?.message).toMatch(/^MINISTRY_PII_ENCRYPTION_KEY: is required/);
      // Rolled back: everything as it was.
      expect((await dataSource.query(`SELECT person FROM ministry_watchlist_entry`))[0].person).toEqual(
        person,
      );
      setPrivacyEnv(true);
      expect(await migrateMinistry(db.url)).toEqual(namesFrom(PseudonymiseIdentities1796100000000));

      const [row] = await dataSource.query(
        `SELECT person, nik_encrypted, passport_encrypted, nik_index, passport_index FROM ministry_watchlist_entry`,
      );
      expect(row.person).toEqual({ fullName: 'Siti Aminah', dateOfBirth: '1990-07-05', sex: 'F' });
      expect(row.nik_index).toBe(vault.index.of('nik', person.nik));
      expect(row.passport_index).toBe(vault.index.of('passport', person.passportNumber));
      expect(
        vault.openEntryPerson(
          { person: row.person, nikEncrypted: row.nik_encrypted, passportEncrypted: row.passport_encrypted },
          entryId,
        ),
      ).toEqual(person);
      const links: Array<{ kind: string; value: string; case_id: string }> = await dataSource.query(
        `SELECT kind, value, case_id FROM ministry_case_link ORDER BY kind, value`,
      );
      expect(links).toEqual(
        [
          {
            kind: 'name_dob',
            value: vault.index.ofText('name_dob', 'siti aminah|1990-07-05'),
            case_id: older,
          },
          { kind: 'nik', value: vault.index.of('nik', person.nik), case_id: older },
          { kind: 'passport', value: vault.index.of('passport', 'C1234567'), case_id: older },
          { kind: 'report', value: 'LP/9', case_id: older },
        ].sort((a, b) => (a.kind === b.kind ? a.value.localeCompare(b.value) : a.kind.localeCompare(b.kind))),
      );
      const text = JSON.stringify([row, links]);
      for (const plain of [person.nik, person.passportNumber, 'CI234567', 'siti aminah']) {
        expect(text).not.toContain(plain);
      }

      // Down: identifiers decrypted back into the person; the hashed person links cannot be reversed and go.
      for (let i = undoneThrough(PseudonymiseIdentities1796100000000); i > 0; i--) {
        await dataSource.undoLastMigration();
      }
      expect((await dataSource.query(`SELECT person FROM ministry_watchlist_entry`))[0].person).toEqual(
        person,
      );
      expect(await dataSource.query(`SELECT kind FROM ministry_case_link`)).toEqual([{ kind: 'report' }]);
      await migrateMinistry(db.url);
    } finally {
      await dataSource.destroy();
    }
  });

  it('keeps every Idempotency-Key result across the move to http_idempotency_key, and back on down', async () => {
    await migrateMinistry(db.url);
    const dataSource = new DataSource(ministryDataSourceOptions(db.url));
    await dataSource.initialize();
    try {
      await dataSource.query(
        `INSERT INTO http_idempotency_key (unit_id, key, request_hash, status_code, response)
         VALUES ('ministry:desk', 'k-1', 'h', 201, '{"id":"x"}')`,
      );
      for (let i = undoneThrough(MoveIdempotencyKeysToHttp1797300000001); i > 0; i--) {
        await dataSource.undoLastMigration();
      }
      const back = `SELECT unit_id, key, request_hash, status_code, response FROM ministry_idempotency_key`;
      expect(await dataSource.query(back)).toEqual([
        { unit_id: 'ministry:desk', key: 'k-1', request_hash: 'h', status_code: 201, response: { id: 'x' } },
      ]);
      await migrateMinistry(db.url);
      expect(await dataSource.query(`SELECT key, response FROM http_idempotency_key`)).toEqual([
        { key: 'k-1', response: { id: 'x' } },
      ]);
      expect(await tables(dataSource)).not.toContain('ministry_idempotency_key');
    } finally {
      await dataSource.destroy();
    }
  });

  it('numbers existing alerts in the order they were raised, then every later change at its commit', async () => {
    await migrateMinistry(db.url);
    const dataSource = new DataSource(ministryDataSourceOptions(db.url));
    await dataSource.initialize();
    try {
      for (let i = undoneThrough(AlertChangeFeed1797600000001); i > 0; i--)
        await dataSource.undoLastMigration();
      const caseId = '0190a000-0000-7000-8000-0000000000f1';
      await dataSource.query(`DELETE FROM ministry_alert`);
      await dataSource.query(
        `INSERT INTO ministry_case (id, region, opened_by_event_id) VALUES ($1, 'riau', $1) ON CONFLICT DO NOTHING`,
        [caseId],
      );
      const alert = (id: string, raisedAt: string) =>
        dataSource.query(
          `INSERT INTO ministry_alert (id, case_id, severity, kind, region, summary, source_event_ids, raised_at)
           VALUES ($1, $2, 'high', 'interception', 'riau', 's', '{}', $3)`,
          [id, caseId, raisedAt],
        );
      const [later, earlier, next] = [
        '0190a000-0000-7000-8000-0000000000a1',
        '0190a000-0000-7000-8000-0000000000a2',
        '0190a000-0000-7000-8000-0000000000a3',
      ];
      await alert(later, '2025-07-02T00:00:00Z');
      await alert(earlier, '2025-07-01T00:00:00Z');
      expect(await migrateMinistry(db.url)).toEqual(namesFrom(AlertChangeFeed1797600000001));
      const feed = () =>
        dataSource.query(`SELECT id, change_seq::int AS seq, status FROM ministry_alert ORDER BY change_seq`);
      expect(await feed()).toEqual([
        { id: earlier, seq: 1, status: 'open' },
        { id: later, seq: 2, status: 'open' },
      ]);
      // A new alert, then an acknowledgement of the first: each goes to the end of the feed.
      await alert(next, '2025-06-01T00:00:00Z');
      await dataSource.query(`UPDATE ministry_alert SET status = 'acknowledged' WHERE id = $1`, [earlier]);
      const after = await feed();
      expect(after.map((row: { id: string }) => row.id)).toEqual([later, next, earlier]);
      expect(after[2].status).toBe('acknowledged');
      await dataSource.query(`DELETE FROM ministry_alert`);
      await dataSource.query(`DELETE FROM ministry_case WHERE id = $1`, [caseId]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('seals the phone numbers of entries stored in clear, opens them back on the way down, and fails without the keys', async () => {
    const dataSource = new DataSource(ministryDataSourceOptions(db.url));
    await dataSource.initialize();
    try {
      for (let i = undoneThrough(SealPhoneNumbers1797900000001); i > 0; i--) {
        await dataSource.undoLastMigration();
      }
      await dataSource.query(`DELETE FROM ministry_watchlist_entry`);
      const entryId = '0190a000-0000-7000-8000-000000000301';
      const person = { fullName: 'Rahmat Hidayat', phoneNumbers: ['+6281234567801', '+6281322227802'] };
      await dataSource.query(
        `INSERT INTO ministry_watchlist_entry (id, version, legal_type, action, person, reason, issued_by, valid_from,
           valid_until, valid_until_at, last_event_id)
         VALUES ($1, 1, 'advisory', 'refer', $2, 'r', 'i', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z',
           '2026-12-01T00:00:00Z', $1)`,
        [entryId, JSON.stringify(person)],
      );
      const stored = async () =>
        (await dataSource.query(`SELECT person FROM ministry_watchlist_entry`))[0].person;

      setPrivacyEnv(false);
      const failure = await migrateMinistry(db.url).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(failure?.message).toMatch(/^MINISTRY_PII_ENCRYPTION_KEY: is required/);
      expect(await stored()).toEqual(person);
      setPrivacyEnv(true);
      expect(await migrateMinistry(db.url)).toEqual(namesFrom(SealPhoneNumbers1797900000001));

      const [row] = await dataSource.query(
        `SELECT person, phone_encrypted, phone_indexes FROM ministry_watchlist_entry WHERE $1 = ANY (phone_indexes)`,
        [vault.phoneIndex('0812-3456-7801')],
      );
      expect(row.person).toEqual({ fullName: 'Rahmat Hidayat' });
      expect(row.phone_indexes).toEqual(person.phoneNumbers.map((p) => vault.phoneIndex(p)));
      expect(
        vault.openEntryPerson(
          {
            person: row.person,
            nikEncrypted: null,
            passportEncrypted: null,
            phoneEncrypted: row.phone_encrypted,
          },
          entryId,
        ),
      ).toEqual(person);

      for (let i = undoneThrough(SealPhoneNumbers1797900000001); i > 0; i--) {
        await dataSource.undoLastMigration();
      }
      expect(await stored()).toEqual(person);
      expect(await migrateMinistry(db.url)).toEqual(namesFrom(SealPhoneNumbers1797900000001));
      await dataSource.query(`DELETE FROM ministry_watchlist_entry`);
    } finally {
      await dataSource.destroy();
    }
  });
});
