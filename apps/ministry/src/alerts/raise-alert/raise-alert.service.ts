import { Inject, Injectable } from '@nestjs/common';
import { OutboxService } from '@simpul/bus';
import { buildEvent, MINISTRY_ALERT_RAISED_V1, MINISTRY_SOURCE } from '@simpul/contracts';
import type { EntityManager } from 'typeorm';
import { deterministicUuid } from '../../common/ids.js';
import { MinistryConfig } from '../../config/ministry.config.js';
import { ackAllowanceSeconds } from '../ack-sla/ack-sla.rules.js';
import type { AlertDecision } from '../alert.rules.js';

/** Stores an alert and appends ministry.alert.raised.v1 in the caller's transaction. */
@Injectable()
export class RaiseAlertService {
  constructor(
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(MinistryConfig) private readonly config: MinistryConfig,
  ) {}

  /**
   * Idempotent per (kind, fact): `factId` is the id of what happened (interceptionId, arrestId,
   * screeningId, delayId), so a duplicated event, even re-sent under a new event id, raises nothing new.
   * `sourceEventIds` defaults to the causing event alone. A critical alert gets its acknowledgement
   * deadline (ack_due_at) here, on the database's clock that the SLA sweep reads.
   */
  async raise(
    manager: EntityManager,
    caseId: string,
    decision: AlertDecision,
    cause: { eventId: string; factId: string; sourceEventIds?: string[] },
  ): Promise<string> {
    const alertId = deterministicUuid('alert', decision.kind, cause.factId);
    const sourceEventIds = cause.sourceEventIds ?? [cause.eventId];
    const causationId = cause.eventId;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO ministry_alert (id, case_id, severity, kind, region, summary, source_event_ids, status, ack_due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', now() + make_interval(secs => $8))
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        alertId,
        caseId,
        decision.severity,
        decision.kind,
        decision.region,
        decision.summary,
        sourceEventIds,
        ackAllowanceSeconds(decision, this.config.MINISTRY_ACK_SLA_SECONDS),
      ],
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
