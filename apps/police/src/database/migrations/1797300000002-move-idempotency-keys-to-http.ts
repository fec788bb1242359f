import { moveIdempotencyRows } from '@simpul/http';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The recording routes' `Idempotency-Key` results move from idempotency_keys to the shared
 * http_idempotency_key of libs/http (HTTP_MIGRATIONS, applied just before): every stored key keeps
 * replaying across the upgrade. Down moves them back.
 */
export class MovePoliceIdempotencyKeysToHttp1797300000002 implements MigrationInterface {
  name = 'MovePoliceIdempotencyKeysToHttp1797300000002';

  async up(q: QueryRunner): Promise<void> {
    await moveIdempotencyRows(q, 'idempotency_keys', 'http_idempotency_key');
    await q.query(`DROP TABLE idempotency_keys`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        unit_id      text        NOT NULL,
        key          text        NOT NULL,
        request_hash text        NOT NULL,
        status_code  integer     NOT NULL,
        response     jsonb       NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (unit_id, key)
      )`);
    await q.query(
      `COMMENT ON TABLE idempotency_keys IS 'First result per (unit, Idempotency-Key); the request only as a hash; no personal data'`,
    );
    await moveIdempotencyRows(q, 'http_idempotency_key', 'idempotency_keys');
  }
}
