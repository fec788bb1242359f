import { adoptIdempotencyTable, restoreIdempotencyTable } from '@simpul/http';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The desk's `Idempotency-Key` results move from ministry_idempotency_key to the shared http_idempotency_key of
 * libs/http (HTTP_MIGRATIONS, applied just before): every stored key keeps replaying. Down moves them back.
 */
export class MoveIdempotencyKeysToHttp1797300000001 implements MigrationInterface {
  name = 'MoveIdempotencyKeysToHttp1797300000001';

  up(q: QueryRunner): Promise<void> {
    return adoptIdempotencyTable(q, 'ministry_idempotency_key');
  }

  down(q: QueryRunner): Promise<void> {
    return restoreIdempotencyTable(q, 'ministry_idempotency_key');
  }
}
