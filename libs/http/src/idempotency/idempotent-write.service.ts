import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { trimStrings } from '../body/trim-strings.js';
import { canonicalBody } from './canonical-body.js';
import { validationFailed } from '../errors/validation-failed.js';
import { IdempotencyKeyReused } from './idempotency.errors.js';
import { idempotencyKeyProblem, replayOf, requestHash } from './idempotency.rules.js';

/** Who asks, and under which `Idempotency-Key` header (absent: no idempotency). */
export interface IdempotencyContext {
  unitId: string;
  key: string | undefined;
}

export interface IdempotentWrite extends IdempotencyContext {
  /** Names the operation in the hash, path ids included (`POST /v1/watchlist/<id>/revoke`). */
  operation: string;
  /** The body as received; hashed trimmed, in canonical JSON (key order does not matter). */
  body: unknown;
  /** HTTP status of a success (the route's own). */
  statusCode: number;
}

/** Raised inside the transaction when another request committed the same key first. */
class KeyTakenMeanwhile extends Error {}

/**
 * Runs a write in one transaction, honouring `Idempotency-Key` per calling unit (table
 * http_idempotency_key, HTTP_MIGRATIONS): a repeat of the same request returns the first result and
 * writes nothing; another request under the same key is 409 IDEMPOTENCY_KEY_REUSED. The key row is
 * inserted first in the write's transaction, so a concurrent repeat waits for it and then replays;
 * an error rolls it back with everything else. Results must hold ids only (they are stored).
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
    const hash = requestHash(request.operation, canonicalBody(trimStrings(request.body) ?? null));
    const earlier = await this.replay<T>(request.unitId, key, hash);
    if (earlier) return earlier;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const inserted: unknown[] = await manager.query(
          `INSERT INTO http_idempotency_key (unit_id, key, request_hash, status_code, response)
           VALUES ($1, $2, $3, $4, '{}') ON CONFLICT (unit_id, key) DO NOTHING RETURNING key`,
          [request.unitId, key, hash, request.statusCode],
        );
        if (inserted.length === 0) throw new KeyTakenMeanwhile();
        const result = await work(manager);
        await manager.query(`UPDATE http_idempotency_key SET response = $3 WHERE unit_id = $1 AND key = $2`, [
          request.unitId,
          key,
          JSON.stringify(result),
        ]);
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
    const rows: Array<{ request_hash: string; status_code: number; response: Record<string, unknown> }> =
      await this.dataSource.query(
        `SELECT request_hash, status_code, response FROM http_idempotency_key WHERE unit_id = $1 AND key = $2`,
        [unitId, key],
      );
    const stored = rows[0];
    if (!stored) return undefined;
    const outcome = replayOf(
      { requestHash: stored.request_hash, statusCode: stored.status_code, response: stored.response },
      hash,
    );
    if (outcome.kind === 'conflict') throw new IdempotencyKeyReused();
    return outcome.response as T;
  }
}
