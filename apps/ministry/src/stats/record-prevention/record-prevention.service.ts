import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface PreventionInput {
  eventId: string;
  /** The interceptionId or delayId: a fact re-sent under a new event id still counts once. */
  factId: string;
  kind: 'foiled' | 'delayed';
  polda?: string;
  checkpoint?: string;
  occurredAt: string;
  prevented: number;
}

/** Adds an event to the prevented-departures figure; unique by event id and by fact, so it counts once. */
@Injectable()
export class RecordPreventionService {
  async record(manager: EntityManager, input: PreventionInput): Promise<void> {
    await manager.query(
      `INSERT INTO ministry_prevented_departure (event_id, fact_id, kind, polda, checkpoint, occurred_at, prevented)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [
        input.eventId,
        input.factId,
        input.kind,
        input.polda ?? null,
        input.checkpoint ?? null,
        input.occurredAt,
        input.prevented,
      ],
    );
  }
}
