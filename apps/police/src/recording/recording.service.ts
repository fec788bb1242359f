import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '@simpul/audit';
import { canonicalJson, OutboxService, type BusEvent } from '@simpul/bus';
import { assertActsFor, IdempotencyKeyReused, validationFailed, type Unit } from '@simpul/http';
import { POLICE_PURPOSE } from '../audit/audit-step.js';
import { PoliceUnits } from '../config/police-units.js';
import { DataSource, type EntityManager } from 'typeorm';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { idempotencyKeyProblem, replayOf, requestHash } from '@simpul/http';
import { trimStrings } from './event-body.rules.js';

/** The 201 answer of a recording request. */
export interface RecordedResponse {
  /** The generated id (arrestId or interceptionId). */
  id: string;
  /** Id of the event announcing it. */
  eventId: string;
}

/** What a use case prepares from the trimmed body: the event, and how to store its state. */
export interface PreparedRecord {
  id: string;
  /** The Polda the record is about: the caller must act for it and this deployment must serve it. */
  polda: string;
  event: BusEvent;
  insert(manager: EntityManager): Promise<void>;
}

export interface RecordRequest {
  /** Names the operation in the idempotency hash (`arrests`, `interceptions`). */
  operation: string;
  unit: Unit;
  idempotencyKey?: string;
  body: unknown;
  /** How the audit chain names the step (`arrest.recorded`, record type `arrest`). */
  audit: { action: string; recordType: string };
  /** Validates (throwing ValidationFailed, a 400) and builds the event; writes nothing. */
  prepare(trimmedBody: unknown): PreparedRecord | Promise<PreparedRecord>;
}

/** Raised inside the transaction when another request committed the same key first. */
class KeyTakenMeanwhile extends Error {}

export { validationFailed };

/**
 * Records a report: state row and outgoing event in one transaction (the outbox; the relay
 * publishes), honouring `Idempotency-Key` per calling unit. Nothing is written on any 4xx.
 */
@Injectable()
export class RecordingService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(PoliceUnits) private readonly units: PoliceUnits,
  ) {}

  async record(request: RecordRequest): Promise<{ statusCode: number; body: RecordedResponse }> {
    const keyProblem = idempotencyKeyProblem(request.idempotencyKey);
    if (keyProblem) throw validationFailed([keyProblem]);
    const trimmed = trimStrings(request.body);
    const hash = requestHash(request.operation, canonicalJson(trimmed ?? null));
    const key = request.idempotencyKey;
    if (key !== undefined) {
      const earlier = await this.replay(request.unit.id, key, hash);
      if (earlier) return earlier;
    }
    const prepared = await request.prepare(trimmed);
    // After validation (400 first), before any write: 403 for another unit or an unserved Polda.
    assertActsFor(request.unit, `polda:${prepared.polda}`);
    this.units.assertServed(prepared.polda);
    const body: RecordedResponse = { id: prepared.id, eventId: prepared.event.id };
    try {
      await this.dataSource.transaction(async (manager) => {
        if (key !== undefined) {
          const inserted: unknown[] = await manager.query(
            `INSERT INTO idempotency_keys (unit_id, key, request_hash, status_code, response)
             VALUES ($1, $2, $3, 201, $4) ON CONFLICT (unit_id, key) DO NOTHING RETURNING key`,
            [request.unit.id, key, hash, JSON.stringify(body)],
          );
          if (inserted.length === 0) throw new KeyTakenMeanwhile();
        }
        await prepared.insert(manager);
        await this.outbox.append(manager, prepared.event);
        // Last in the transaction: the audit lock is then held for the commit only.
        await appendAudit(manager, {
          unit: request.unit.id,
          purpose: POLICE_PURPOSE,
          action: request.audit.action,
          recordType: request.audit.recordType,
          recordId: prepared.id,
          eventId: prepared.event.id,
        });
      });
    } catch (error) {
      if (!(error instanceof KeyTakenMeanwhile)) throw error;
      // A concurrent request with the same key committed first: answer as a repeat of it.
      const earlier = await this.replay(request.unit.id, key!, hash);
      if (earlier) return earlier;
      throw error;
    }
    return { statusCode: 201, body };
  }

  private async replay(
    unitId: string,
    key: string,
    hash: string,
  ): Promise<{ statusCode: number; body: RecordedResponse } | undefined> {
    const stored = await this.dataSource.getRepository(IdempotencyKey).findOneBy({ unitId, key });
    if (!stored) return undefined;
    const outcome = replayOf(stored, hash);
    if (outcome.kind === 'conflict') {
      throw new IdempotencyKeyReused();
    }
    return { statusCode: outcome.statusCode, body: outcome.response as unknown as RecordedResponse };
  }
}
