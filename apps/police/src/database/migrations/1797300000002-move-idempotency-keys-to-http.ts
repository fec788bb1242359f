import { adoptIdempotencyTable, restoreIdempotencyTable } from '@simpul/http';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The recording routes' `Idempotency-Key` results move from idempotency_keys to the shared http_idempotency_key of
 * libs/http (HTTP_MIGRATIONS, applied just before): every stored key keeps replaying. Down moves them back.
 */
export class MovePoliceIdempotencyKeysToHttp1797300000002 implements MigrationInterface {
  name = 'MovePoliceIdempotencyKeysToHttp1797300000002';

  up(q: QueryRunner): Promise<void> {
    return adoptIdempotencyTable(q, 'idempotency_keys');
  }

  down(q: QueryRunner): Promise<void> {
    return restoreIdempotencyTable(q, 'idempotency_keys');
  }
}
