import { Inject, Injectable } from '@nestjs/common';
import { OutboxService } from '@simpul/bus';
import { buildEvent, MINISTRY_RESPONSE_DISPATCHED_V1, MINISTRY_SOURCE, uuidv7 } from '@simpul/contracts';
import {
  IdempotentWriteService,
  type IdempotencyContext,
  buildOrReject,
  objectBody,
  unknownPropertyProblems,
} from '@simpul/http';
import { acknowledgeAlert } from '../../alerts/acknowledge-alert/acknowledge-alert.js';
import { MinistryAudit } from '../../audit/ministry-audit.service.js';
import { isUuid } from '../../common/uuid.js';
import { MinistryConfig } from '../../config/ministry.config.js';
import { DISPATCH_FIELDS, dispatchDueBy, officerProblems, type DueAllowances } from '../dispatch.rules.js';
import { AlertAlreadyDispatched, DispatchAlertNotFound } from '../dispatches.errors.js';

export interface DispatchResult {
  id: string;
  eventId: string;
  dueBy: string;
}

/**
 * Sends the rapid response team on an alert: stores the dispatch, publishes
 * ministry.response.dispatched.v1 and acknowledges the alert, all in one transaction, so a
 * dispatched alert can never breach its acknowledgement SLA.
 */
@Injectable()
export class DispatchAlertService {
  private readonly allowances: DueAllowances;

  constructor(
    @Inject(IdempotentWriteService) private readonly writes: IdempotentWriteService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(MinistryAudit) private readonly audit: MinistryAudit,
    @Inject(MinistryConfig) config: MinistryConfig,
  ) {
    this.allowances = {
      critical: config.MINISTRY_DISPATCH_DUE_CRITICAL_SECONDS,
      high: config.MINISTRY_DISPATCH_DUE_HIGH_SECONDS,
      medium: config.MINISTRY_DISPATCH_DUE_MEDIUM_SECONDS,
      low: config.MINISTRY_DISPATCH_DUE_LOW_SECONDS,
    };
  }

  /** 201 `{ id, eventId, dueBy }`; a repeat under the same `Idempotency-Key` returns the first result. */
  dispatch(alertId: string, body: unknown, idempotency: IdempotencyContext): Promise<DispatchResult> {
    const fields = objectBody(body);
    if (!isUuid(alertId)) throw new DispatchAlertNotFound();
    const extra = [...unknownPropertyProblems(fields, DISPATCH_FIELDS), ...officerProblems(fields.officer)];
    const write = {
      ...idempotency,
      operation: `POST /v1/alerts/${alertId}/dispatch`,
      body,
      statusCode: 201,
    };
    return this.writes.run(write, async (manager) => {
      // Locked: a concurrent dispatch, acknowledgement or SLA sweep of this alert waits for this one.
      const alerts: Array<{ case_id: string; severity: string; region: string }> = await manager.query(
        `SELECT case_id, severity, region FROM ministry_alert WHERE id = $1 FOR UPDATE`,
        [alertId],
      );
      const alert = alerts[0];
      if (!alert) throw new DispatchAlertNotFound();
      const dispatchId = uuidv7();
      const dispatchedAt = new Date();
      const dueBy = dispatchDueBy(dispatchedAt, alert.severity, this.allowances);
      const event = buildOrReject(
        () =>
          buildEvent(
            MINISTRY_RESPONSE_DISPATCHED_V1,
            {
              dispatchId,
              alertId,
              caseId: alert.case_id,
              team: fields.team as string,
              dispatchedAt: dispatchedAt.toISOString(),
              dueBy: dueBy.toISOString(),
            },
            { source: MINISTRY_SOURCE, correlationId: alert.case_id },
          ),
        extra,
      );
      const open: unknown[] = await manager.query(
        `SELECT 1 FROM ministry_dispatch WHERE alert_id = $1 AND reported_at IS NULL`,
        [alertId],
      );
      if (open.length > 0) throw new AlertAlreadyDispatched();
      await manager.query(
        `INSERT INTO ministry_dispatch
           (id, alert_id, case_id, region, severity, team, officer, dispatched_by, dispatched_at, due_by, event_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          dispatchId,
          alertId,
          alert.case_id,
          alert.region,
          alert.severity,
          event.data.team,
          fields.officer,
          idempotency.unitId,
          dispatchedAt,
          dueBy,
          event.id,
        ],
      );
      // What POST /v1/alerts/:id/acknowledge does, so the alert stream shows the change.
      await acknowledgeAlert(manager, alertId, idempotency.unitId);
      await this.outbox.append(manager, event);
      this.audit.deskStep(manager, idempotency.unitId, {
        action: 'alert.dispatched',
        recordType: 'dispatch',
        recordId: dispatchId,
      });
      return { id: dispatchId, eventId: event.id, dueBy: event.data.dueBy };
    });
  }
}
