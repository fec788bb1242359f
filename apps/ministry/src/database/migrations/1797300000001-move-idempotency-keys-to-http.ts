import { moveIdempotencyRows } from '@simpul/http';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The desk's `Idempotency-Key` results move from ministry_idempotency_key to the shared
 * http_idempotency_key of libs/http (HTTP_MIGRATIONS, applied just before): every stored key keeps
 * replaying across the upgrade. Down moves them back.
 */
export class MoveIdempotencyKeysToHttp1797300000001 implements MigrationInterface {
  name = 'MoveIdempotencyKeysToHttp1797300000001';

  async up(q: QueryRunner): Promise<void> {
    await moveIdempotencyRows(q, 'ministry_idempotency_key', 'http_idempotency_key');
    await q.query(`DROP TABLE ministry_idempotency_key`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ministry_idempotency_key (
        unit_id      text        NOT NULL,
        key          text        NOT NULL,
        request_hash text        NOT NULL,
        status_code  integer     NOT NULL,
        response     jsonb       NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (unit_id, key)
      )`);
    await q.query(
      `COMMENT ON TABLE ministry_idempotency_key IS 'First result per (unit, Idempotency-Key); the request only as a hash; no personal data'`,
    );
    await moveIdempotencyRows(q, 'http_idempotency_key', 'ministry_idempotency_key');
  }
}
