import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '@simpul/audit';
import { OutboxService } from '@simpul/bus';
import {
  buildEvent,
  checkpointSource,
  uuidv7,
  type DelayReason,
  type Person,
  type StatedPurpose,
} from '@simpul/contracts';
import { IdempotentWriteService, type IdempotencyContext } from '@simpul/http';
import { DataSource, type EntityManager } from 'typeorm';
import { DelaysService } from '../../delays/delays.service.js';
import { Clock } from '../../deployment/clock.js';
import { delayReason, delayValidUntil, type Outcome } from './record-outcome.rules.js';
import { IMMIGRATION_PURPOSE } from '../../audit/audit-step.js';
import { OutcomeAlreadyRecorded, ScreeningNotFound } from '../screening.errors.js';

export interface OutcomeRequest {
  outcome: Outcome;
  officer: string;
  note?: string;
  reason?: DelayReason;
  statedPurpose?: StatedPurpose;
  validForDays?: number;
}

export interface OutcomeResult {
  screeningId: string;
  outcome: Outcome;
  delayId?: string;
  eventId?: string;
  validUntil?: string;
}

interface ScreeningRow {
  screening_id: string;
  checkpoint: string;
  traveler: Person;
  travel: { destinationCountry?: string; statedPurpose?: StatedPurpose } | null;
  matches: Array<{ entryId: string }>;
  outcome: string | null;
}

/** Records what the desk did after a screening; a delay is stored and announced through the outbox. */
@Injectable()
export class RecordOutcomeService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(IdempotentWriteService) private readonly idempotent: IdempotentWriteService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(DelaysService) private readonly delays: DelaysService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The screening's checkpoint; ScreeningNotFound when there is none. */
  async checkpointOf(screeningId: string): Promise<string> {
    const rows: Array<{ checkpoint: string }> = await this.dataSource.query(
      `SELECT checkpoint FROM screenings WHERE screening_id = $1`,
      [screeningId],
    );
    if (rows.length === 0) throw new ScreeningNotFound(screeningId);
    return rows[0]!.checkpoint;
  }

  /**
   * `idempotency.key` (Idempotency-Key): a repeat of the same request returns the first result, so
   * a retry after a lost 201 learns the delay's event id instead of OUTCOME_ALREADY_RECORDED.
   */
  record(
    screeningId: string,
    request: OutcomeRequest,
    idempotency: IdempotencyContext & { body: unknown },
  ): Promise<OutcomeResult> {
    return this.idempotent.run(
      { ...idempotency, operation: `POST /v1/screenings/${screeningId}/outcome`, statusCode: 201 },
      (manager) => this.recordIn(manager, screeningId, request),
    );
  }

  private async recordIn(
    manager: EntityManager,
    screeningId: string,
    request: OutcomeRequest,
  ): Promise<OutcomeResult> {
    const now = this.clock.now();
    const rows: ScreeningRow[] = await manager.query(
      `SELECT screening_id, checkpoint, traveler, travel, matches, outcome FROM screenings
        WHERE screening_id = $1 FOR UPDATE`,
      [screeningId],
    );
    const screening = rows[0];
    if (!screening) throw new ScreeningNotFound(screeningId);
    if (screening.outcome !== null) {
      throw new OutcomeAlreadyRecorded(screeningId);
    }
    let result: OutcomeResult = { screeningId, outcome: request.outcome };
    let delayId: string | null = null;
    if (request.outcome === 'departure_delayed') {
      delayId = uuidv7();
      const matched = screening.matches.length > 0;
      const statedPurpose = request.statedPurpose ?? screening.travel?.statedPurpose;
      const destinationCountry = screening.travel?.destinationCountry;
      const validUntil = delayValidUntil(now, request.validForDays);
      const event = buildEvent(
        'immigration.departure.delayed.v1',
        {
          delayId,
          checkpoint: screening.checkpoint,
          occurredAt: now.toISOString(),
          traveler: screening.traveler,
          reason: delayReason(request.reason, matched),
          ...(statedPurpose ? { statedPurpose } : {}),
          ...(destinationCountry ? { destinationCountry } : {}),
          screeningId,
          ...(matched ? { entryId: screening.matches[0]!.entryId } : {}),
          validUntil: validUntil.toISOString(),
        },
        { source: checkpointSource(screening.checkpoint), time: now },
      );
      await this.delays.record(manager, event);
      await this.outbox.append(manager, event);
      result = { ...result, delayId, eventId: event.id, validUntil: validUntil.toISOString() };
    }
    await manager.query(
      `UPDATE screenings SET outcome = $2, outcome_at = $3, officer = $4, note = $5, delay_id = $6
        WHERE screening_id = $1`,
      [screeningId, request.outcome, now, request.officer, request.note ?? null, delayId],
    );
    await appendAudit(manager, {
      unit: `checkpoint:${screening.checkpoint}`,
      official: request.officer,
      purpose: IMMIGRATION_PURPOSE,
      action: 'screening.outcome_recorded',
      recordType: 'screening',
      recordId: screeningId,
      ...(result.eventId ? { eventId: result.eventId } : {}),
    });
    return result;
  }
}
