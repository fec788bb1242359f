import { Inject, Injectable } from '@nestjs/common';
import { OutboxService } from '@simpul/bus';
import { buildEvent, MINISTRY_ALERT_RAISED_V1, MINISTRY_SOURCE } from '@simpul/contracts';
import type { EntityManager } from 'typeorm';
import { deterministicUuid } from '../../common/ids.js';
import type { AlertDecision } from '../alert.rules.js';

/** Stores an alert and appends ministry.alert.raised.v1 in the caller's transaction. */
@Injectable()
export class RaiseAlertService {
  constructor(@Inject(OutboxService) private readonly outbox: OutboxService) {}

  /**
   * Idempotent per (kind, fact): `factId` is the id of what happened (interceptionId, arrestId,
   * screeningId, delayId), so a duplicated event, even re-sent under a new event id, raises nothing new.
   */
  async raise(
    manager: EntityManager,
    caseId: string,
    decision: AlertDecision,
    cause: { eventId: string; factId: string },
  ): Promise<string> {
    const alertId = deterministicUuid('alert', decision.kind, cause.factId);
    const sourceEventIds = [cause.eventId];
    const causationId = cause.eventId;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO ministry_alert (id, case_id, severity, kind, region, summary, source_event_ids, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'open') ON CONFLICT (id) DO NOTHING RETURNING id`,
      [alertId, caseId, decision.severity, decision.kind, decision.region, decision.summary, sourceEventIds],
    );
    if (inserted.length === 0) return alertId;
    await this.outbox.append(
      manager,
      buildEvent(
        MINISTRY_ALERT_RAISED_V1,
        { alertId, caseId, ...decision, sourceEventIds },
        { source: MINISTRY_SOURCE, correlationId: caseId, causationId },
      ),
    );
    return alertId;
  }
}
