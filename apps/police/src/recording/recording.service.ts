import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '@simpul/audit';
import { OutboxService, type BusEvent } from '@simpul/bus';
import {
  assertActsFor,
  idempotencyKeyProblem,
  trimStrings,
  IdempotentWriteService,
  validationFailed,
  type Unit,
} from '@simpul/http';
import { POLICE_PURPOSE } from '../audit/audit-step.js';
import { PoliceUnits } from '../config/police-units.js';
import type { EntityManager } from 'typeorm';

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

/**
 * Records a report: state row and outgoing event in one transaction (the outbox; the relay
 * publishes), honouring `Idempotency-Key` per calling unit (IdempotentWriteService of libs/http).
 * Nothing is written on any 4xx.
 */
@Injectable()
export class RecordingService {
  constructor(
    @Inject(IdempotentWriteService) private readonly writes: IdempotentWriteService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(PoliceUnits) private readonly units: PoliceUnits,
  ) {}

  async record(request: RecordRequest): Promise<{ statusCode: number; body: RecordedResponse }> {
    // A malformed key is the first thing a caller hears about, before the body.
    const keyProblem = idempotencyKeyProblem(request.idempotencyKey);
    if (keyProblem) throw validationFailed([keyProblem]);
    const prepared = await request.prepare(trimStrings(request.body));
    // After validation (400 first), before any write: 403 for another unit or an unserved Polda.
    assertActsFor(request.unit, `polda:${prepared.polda}`);
    this.units.assertServed(prepared.polda);
    const write = {
      unitId: request.unit.id,
      key: request.idempotencyKey,
      operation: request.operation,
      body: request.body,
      statusCode: 201,
    };
    // A repeat under the same key answers the first result (its ids), not this preparation's.
    const body = await this.writes.run<RecordedResponse>(write, async (manager) => {
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
      return { id: prepared.id, eventId: prepared.event.id };
    });
    return { statusCode: 201, body };
  }
}
