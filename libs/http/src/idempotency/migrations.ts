import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The one table of `Idempotency-Key` results, shared by every service's POST routes (the
 * IdempotentWriteService of libs/http). Apps list HTTP_MIGRATIONS in their data source (as they do
 * BUS_MIGRATIONS); an app that had a table of its own moves its rows here in a migration of its own.
 */
export class HttpIdempotencyKeys1797300000000 implements MigrationInterface {
  name = 'HttpIdempotencyKeys1797300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE http_idempotency_key (
        unit_id       text        NOT NULL,
        key           text        NOT NULL CHECK (char_length(key) BETWEEN 1 AND 200),
        request_hash  text        NOT NULL,
        status_code   integer     NOT NULL,
        response      jsonb       NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (unit_id, key)
      )`);
    // Retention deletes oldest first, in batches: by creation time without a table scan.
    await q.query(`CREATE INDEX http_idempotency_key_created_at ON http_idempotency_key (created_at)`);
    await q.query(
      `COMMENT ON TABLE http_idempotency_key IS 'First result per (unit, Idempotency-Key); the request only as a hash; ids only, no personal data'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE http_idempotency_key`);
  }
}

/** The migrations libs/http needs, in order: list them in every app's data source. */
export const HTTP_MIGRATIONS = [HttpIdempotencyKeys1797300000000];

/** Copies every row of one idempotency table into another with the same columns (existing keys win). */
function copyRows(q: QueryRunner, from: string, to: string): Promise<unknown> {
  return q.query(
    `INSERT INTO ${to} (unit_id, key, request_hash, status_code, response, created_at)
     SELECT unit_id, key, request_hash, status_code, response, created_at FROM ${from}
     ON CONFLICT (unit_id, key) DO NOTHING`,
  );
}

/**
 * For an app's migration that retires its own idempotency table (`legacy`, same columns): up moves
 * its rows into http_idempotency_key and drops it, so stored keys keep replaying across the upgrade.
 */
export async function adoptIdempotencyTable(q: QueryRunner, legacy: string): Promise<void> {
  await copyRows(q, legacy, 'http_idempotency_key');
  await q.query(`DROP TABLE ${legacy}`);
}

/** The down of adoptIdempotencyTable: the app's table again, with the rows moved back. */
export async function restoreIdempotencyTable(q: QueryRunner, legacy: string): Promise<void> {
  await q.query(`
    CREATE TABLE ${legacy} (
      unit_id      text        NOT NULL,
      key          text        NOT NULL,
      request_hash text        NOT NULL,
      status_code  integer     NOT NULL,
      response     jsonb       NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (unit_id, key)
    )`);
  await q.query(
    `COMMENT ON TABLE ${legacy} IS 'First result per (unit, Idempotency-Key); the request only as a hash; no personal data'`,
  );
  await copyRows(q, 'http_idempotency_key', legacy);
}
