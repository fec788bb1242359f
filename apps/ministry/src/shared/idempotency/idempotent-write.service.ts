import { Inject, Injectable } from '@nestjs/common';
import { canonicalJson } from '@simpul/bus';
import { IdempotencyKeyReused } from '@simpul/http';
import { DataSource, type EntityManager } from 'typeorm';
import { trimStrings, validationFailed } from '../http-body.js';
import { IdempotencyKeyEntity } from './idempotency-key.entity.js';
import { idempotencyKeyProblem, replayOf, requestHash } from '@simpul/http';

/** Who asks, and under which `Idempotency-Key` header (absent: no idempotency). */
export interface IdempotencyContext {
  unitId: string;
  key: string | undefined;
}

export interface IdempotentWrite extends IdempotencyContext {
  /** Names the operation in the hash, path ids included (`POST /v1/watchlist/<id>/revoke`). */
  operation: string;
  body: unknown;
  /** HTTP status of a success (the route's own). */
  statusCode: number;
}

/** Raised inside the transaction when another request committed the same key first. */
class KeyTakenMeanwhile extends Error {}

/**
 * Runs a desk write in one transaction, honouring `Idempotency-Key` per calling unit as the police
 * service does: a repeat of the same request returns the first result and writes nothing; another
 * request under the same key is 409 IDEMPOTENCY_KEY_REUSED. The key row is inserted first in the
 * write's transaction, so a concurrent repeat waits for it and then replays; a 4xx rolls it back
 * with everything else.
 */
@Injectable()
export class IdempotentWriteService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async run<T extends object>(
    request: IdempotentWrite,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const keyProblem = idempotencyKeyProblem(request.key);
    if (keyProblem) throw validationFailed([keyProblem]);
    const key = request.key;
    if (key === undefined) return this.dataSource.transaction(work);
    const hash = requestHash(request.operation, canonicalJson(trimStrings(request.body) ?? null));
    const earlier = await this.replay<T>(request.unitId, key, hash);
    if (earlier) return earlier;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const inserted: unknown[] = await manager.query(
          `INSERT INTO ministry_idempotency_key (unit_id, key, request_hash, status_code, response)
           VALUES ($1, $2, $3, $4, '{}') ON CONFLICT (unit_id, key) DO NOTHING RETURNING key`,
          [request.unitId, key, hash, request.statusCode],
        );
        if (inserted.length === 0) throw new KeyTakenMeanwhile();
        const result = await work(manager);
        await manager.query(
          `UPDATE ministry_idempotency_key SET response = $3 WHERE unit_id = $1 AND key = $2`,
          [request.unitId, key, JSON.stringify(result)],
        );
        return result;
      });
    } catch (error) {
      if (!(error instanceof KeyTakenMeanwhile)) throw error;
      // A concurrent request with the same key committed first: answer as a repeat of it.
      const first = await this.replay<T>(request.unitId, key, hash);
      if (first) return first;
      throw error;
    }
  }

  private async replay<T>(unitId: string, key: string, hash: string): Promise<T | undefined> {
    const stored = await this.dataSource.getRepository(IdempotencyKeyEntity).findOneBy({ unitId, key });
    if (!stored) return undefined;
    const outcome = replayOf(stored, hash);
    if (outcome.kind === 'conflict') {
      throw new IdempotencyKeyReused();
    }
    return outcome.response as T;
  }
}
