// The shared Idempotency-Key service and its retention, on a real PostgreSQL database of this file's own.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, createTestDataSource, type TestDatabase } from '@simpul/bus/testing';
import type { DataSource } from 'typeorm';
import { IdempotencyKeyReused } from './idempotency.errors.js';
import { pruneIdempotencyKeys } from './idempotency-retention.js';
import { IdempotentWriteService } from './idempotent-write.service.js';
import { HTTP_MIGRATIONS } from './migrations.js';

let db: TestDatabase;
let dataSource: DataSource;
let writes: IdempotentWriteService;

beforeAll(async () => {
  db = await createTestDatabase('http_idempotency');
  dataSource = await createTestDataSource(db.url, { migrations: HTTP_MIGRATIONS, poolSize: 4 });
  await dataSource.query(`CREATE TABLE effects (id serial PRIMARY KEY, note text NOT NULL)`);
  writes = new IdempotentWriteService(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

async function effects(): Promise<number> {
  return (await dataSource.query(`SELECT count(*)::int AS n FROM effects`))[0].n as number;
}

function write(key: string | undefined, body: unknown) {
  return writes.run(
    { unitId: 'ministry:desk', key, operation: 'POST /v1/things', body, statusCode: 201 },
    async (m) => {
      const [row] = await m.query(`INSERT INTO effects (note) VALUES ('x') RETURNING id`);
      return { id: row.id as number };
    },
  );
}

describe('IdempotentWriteService', () => {
  it('answers a repeat (same body, any key order or surrounding spaces) with the first result, writing once', async () => {
    const before = await effects();
    const first = await write('key-1', { a: 'x', b: 1 });
    expect(await write('key-1', { b: 1, a: ' x ' })).toEqual(first);
    expect(await effects()).toBe(before + 1);
  });

  it('refuses another request under the same key with IDEMPOTENCY_KEY_REUSED, writing nothing', async () => {
    await write('key-2', { a: 1 });
    const before = await effects();
    await expect(write('key-2', { a: 2 })).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(await effects()).toBe(before);
  });

  it('without a key, just writes', async () => {
    const before = await effects();
    await write(undefined, {});
    await write(undefined, {});
    expect(await effects()).toBe(before + 2);
  });
});

describe('pruneIdempotencyKeys', () => {
  it('deletes keys older than the retention in batches and keeps the younger ones', async () => {
    await dataSource.query(`DELETE FROM http_idempotency_key`);
    for (let i = 0; i < 5; i++) await write(`old-${i}`, { i });
    await write('young', {});
    await dataSource.query(
      `UPDATE http_idempotency_key SET created_at = now() - interval '8 days' WHERE key LIKE 'old-%'`,
    );
    expect(await pruneIdempotencyKeys(dataSource, 7, 2)).toBe(5);
    const left: Array<{ key: string }> = await dataSource.query(`SELECT key FROM http_idempotency_key`);
    expect(left).toEqual([{ key: 'young' }]);
    // A pruned key is a new request again.
    const before = await effects();
    await write('old-0', { i: 0 });
    expect(await effects()).toBe(before + 1);
  });
});
