// `simpul audit verify` against a test database of its own: intact, then tampered with by SQL.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { appendAuditMany, CreateAuditLog1796000000000 } from '@simpul/audit';
import { createTestDatabase, createTestDataSource, type TestDatabase } from '@simpul/bus/testing';
import type { DataSource } from 'typeorm';
import { run as audit } from './audit.command.js';

jest.setTimeout(30_000);

let db: TestDatabase;
let dataSource: DataSource;
let out: string[] = [];
let err: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase('cli_audit');
  dataSource = await createTestDataSource(db.url, { migrations: [CreateAuditLog1796000000000] });
  await dataSource.transaction((m) =>
    appendAuditMany(
      m,
      Array.from({ length: 12 }, (_, i) => ({
        unit: 'ministry:desk',
        official: 'NIP 1987',
        purpose: 'case_handling',
        action: 'watchlist_entry.read',
        recordType: 'watchlist_entry',
        recordId: `list-${i}`,
      })),
    ),
  );
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

describe('simpul audit verify', () => {
  it('exits 0 on an intact chain, printing the head to anchor; the anchor is checked', async () => {
    expect(await audit(['verify', '--database-url', db.url])).toBe(0);
    expect(out).toHaveLength(1);
    const match = /^audit chain intact: 12 records, head (12:[0-9a-f]{64})$/.exec(out[0]!);
    expect(match).not.toBeNull();
    expect(await audit(['verify', '--database-url', db.url, '--anchor', match![1]!])).toBe(0);
    expect(await audit(['verify', '--database-url', db.url, '--anchor', `12:${'0'.repeat(64)}`])).toBe(1);
    expect(out.at(-1)).toBe('position 12: anchor mismatch (the recorded head is no longer in the chain)');
  });

  it('reads DATABASE_URL by default and exits 1 with one line per problem', async () => {
    await dataSource.query(`UPDATE audit_log SET official = 'someone else' WHERE position = 4`);
    await dataSource.query(`DELETE FROM audit_log WHERE position = 9`);
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = db.url;
    try {
      expect(await audit(['verify'])).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
    expect(out).toEqual(['position 4: modified', 'position 9: deleted']);
    expect(err.join('\n')).not.toContain('someone else');
  });

  it('exits 2 on bad usage, without a database, or when it cannot connect (no URL echoed)', async () => {
    expect(await audit(['check'])).toBe(2);
    expect(await audit(['verify', '--anchor', 'nope'])).toBe(2);
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      expect(await audit(['verify'])).toBe(2);
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
    expect(await audit(['verify', '--database-url', 'postgres://secret:pw@127.0.0.1:1/none'])).toBe(2);
    expect(err.join('\n')).not.toContain('secret');
  });
});
