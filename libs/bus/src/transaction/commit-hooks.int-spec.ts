// The one before/after-commit hook (the outbox, the audit log): work runs at the outermost commit
// only, never on rollback, and work registered inside a savepoint that rolls back goes with it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { afterCommit, beforeCommit, installCommitHooks, queueBeforeCommit } from './commit-hooks.js';

let db: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  db = await createTestDatabase('commit_hooks');
  dataSource = new DataSource({ type: 'postgres', url: db.url });
  await dataSource.initialize();
  await dataSource.query(`CREATE TABLE steps (n int NOT NULL)`);
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

const steps = async () =>
  ((await dataSource.query(`SELECT n FROM steps`)) as Array<{ n: number }>).map((r) => r.n);

describe.each([
  ['installed before the first transaction', true],
  ['installed by the first registration', false],
])('commit hooks (%s)', (_name, early) => {
  beforeAll(async () => {
    if (early) installCommitHooks(dataSource);
    await dataSource.query(`TRUNCATE steps`);
  });

  it('runs after-commit work once the outermost transaction commits, and once per key', async () => {
    const ran: string[] = [];
    const KEY = Symbol('key');
    await dataSource.transaction(async (m) => {
      afterCommit(m, () => ran.push('outer'));
      afterCommit(m, () => ran.push('keyed'), KEY);
      afterCommit(m, () => ran.push('keyed again'), KEY);
      await m.transaction(async (inner) => afterCommit(inner, () => ran.push('released savepoint')));
      expect(ran).toEqual([]);
    });
    expect(ran).toEqual(['outer', 'keyed', 'released savepoint']);
    afterCommit(dataSource.manager, () => ran.push('outside a transaction: at once'));
    expect(ran).toHaveLength(4);
  });

  it('drops the work of a rolled-back transaction and of a rolled-back savepoint', async () => {
    const ran: string[] = [];
    await expect(
      dataSource.transaction(async (m) => {
        afterCommit(m, () => ran.push('rolled back'));
        beforeCommit(m, async () => void ran.push('rolled back too'));
        throw new Error('fails');
      }),
    ).rejects.toThrow('fails');
    await dataSource.transaction(async (m) => {
      await m
        .transaction(async (inner) => {
          afterCommit(inner, () => ran.push('savepoint rolled back'));
          queueBeforeCommit(inner, KEY_Q, 1, flush);
          throw new Error('inner fails');
        })
        .catch(() => undefined);
      queueBeforeCommit(m, KEY_Q, 2, flush);
      afterCommit(m, () => ran.push('kept'));
    });
    expect(ran).toEqual(['kept']);
    expect(await steps()).toEqual([2]);
  });

  it('runs before-commit work inside the transaction, after its other statements, flushing a queue once', async () => {
    await dataSource.query(`TRUNCATE steps`);
    const flushes: number[][] = [];
    await dataSource.transaction(async (m) => {
      queueBeforeCommit(m, KEY_Q, 10, async (items: number[]) => {
        flushes.push(items);
        await flush(items, m);
      });
      await m.transaction(async (inner) => queueBeforeCommit(inner, KEY_Q, 11, flush));
      beforeCommit(m, () => m.query(`INSERT INTO steps VALUES (99)`).then(() => undefined));
      await m.query(`INSERT INTO steps VALUES (1)`);
      // Nothing before the commit yet, not even at the savepoint's release.
      expect(await m.query(`SELECT count(*)::int AS n FROM steps`)).toEqual([{ n: 1 }]);
    });
    expect(flushes).toEqual([[10, 11]]);
    expect((await steps()).sort((a, b) => a - b)).toEqual([1, 10, 11, 99]);
    expect(() => beforeCommit(dataSource.manager, async () => undefined)).toThrow(/inside a transaction/);
  });
});

const KEY_Q = { name: 'steps' };
async function flush(items: number[], manager = dataSource.manager): Promise<void> {
  for (const n of items) await manager.query(`INSERT INTO steps VALUES ($1)`, [n]);
}
