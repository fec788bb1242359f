// `simpul outbox list|retry|drop` against a real PostgreSQL database with the bus tables: rows the
// relay set aside are listed with their error (never their bodies), retried and dropped.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { appendToOutbox } from '@simpul/bus';
import {
  arrestEvent,
  createTestDataSource,
  createTestDatabase,
  type TestDatabase,
} from '@simpul/bus/testing';
import type { DataSource } from 'typeorm';
import { run as outbox } from './outbox.command.js';

jest.setTimeout(30_000);

let db: TestDatabase;
let dataSource: DataSource;
let out: string[] = [];
let err: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase('cli_outbox');
  dataSource = await createTestDataSource(db.url);
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

beforeEach(() => {
  out = [];
  err = [];
  jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});

afterEach(() => {
  jest.restoreAllMocks();
});

/** Two failed rows (as the relay leaves them at its attempt limit) and one pending row. */
async function seed(): Promise<{ failed: string[]; pending: string; name: string }> {
  await dataSource.query(`DELETE FROM bus_outbox`);
  const events = [arrestEvent(), arrestEvent(), arrestEvent()];
  await dataSource.transaction(async (manager) => {
    for (const e of events) await appendToOutbox(manager, e, { subject: 'nowhere.riau.arrest.recorded' });
  });
  const rows = (await dataSource.query(`SELECT id::text FROM bus_outbox ORDER BY id`)) as { id: string }[];
  const failed = rows.slice(0, 2).map((r) => r.id);
  await dataSource.query(
    `UPDATE bus_outbox SET status = 'failed', attempts = 12, failed_at = now(),
            last_error = 'BUS.UNEXPECTED_ERROR: NoRespondersError (message withheld)'
      WHERE id = ANY($1::bigint[])`,
    [failed],
  );
  return { failed, pending: rows[2]!.id, name: events[0]!.data.suspects[0]!.person.fullName };
}

const status = async (id: string): Promise<string | undefined> =>
  ((await dataSource.query(`SELECT status FROM bus_outbox WHERE id = $1`, [id])) as { status: string }[])[0]
    ?.status;

describe('simpul outbox', () => {
  it('lists failed rows with their error and no body', async () => {
    const { failed, name } = await seed();
    expect(await outbox(['list', '--failed', '--json', '--database-url', db.url])).toBe(0);
    const listed = out.map((l) => JSON.parse(l) as { id: string; status: string; lastError: string });
    expect(listed.map((r) => [r.id, r.status])).toEqual(failed.map((id) => [id, 'failed']));
    expect(listed[0]!.lastError).toContain('BUS.UNEXPECTED_ERROR');
    out = [];
    expect(await outbox(['list', '--database-url', db.url])).toBe(0);
    expect(out.join('\n')).toContain('nowhere.riau.arrest.recorded');
    expect(out.join('\n')).not.toContain(name);
  });

  it('retries and drops failed rows only', async () => {
    const { failed, pending } = await seed();
    expect(await outbox(['retry', failed[0]!, '--database-url', db.url])).toBe(0);
    expect(await status(failed[0]!)).toBe('pending');
    expect(await outbox(['drop', '--all-failed', '--database-url', db.url])).toBe(0);
    expect(await status(failed[1]!)).toBeUndefined();
    // A pending row is not dropped under a relay that may be publishing it.
    expect(await outbox(['drop', pending, '--database-url', db.url])).toBe(1);
    expect(err.join('\n')).toContain('no failed row matches');
    expect(await status(pending)).toBe('pending');
  });

  it('rejects bad usage with exit 2, naming the rule', async () => {
    expect(await outbox([])).toBe(2);
    expect(await outbox(['retry', '--database-url', db.url])).toBe(2);
    expect(await outbox(['drop', 'abc', '--database-url', db.url])).toBe(2);
    expect(err.join('\n')).toContain('a row id must be a positive whole number');
    expect(await outbox(['list', '--limit', '0', '--database-url', db.url])).toBe(2);
    expect(await outbox(['retry', '1', '--all-failed', '--database-url', db.url])).toBe(2);
  });
});
