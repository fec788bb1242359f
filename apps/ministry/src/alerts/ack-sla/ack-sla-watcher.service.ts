import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RaiseAlertService } from '../raise-alert/raise-alert.service.js';
import { alertForAckSlaBreach } from './ack-sla.rules.js';

/** Time from the end of one sweep to the start of the next: a breach is raised within ~1 s of its deadline. */
export const ACK_SLA_SWEEP_INTERVAL_MS = 1000;

/** Alerts claimed per sweep transaction; the rest wait for the next sweep, a second later. */
const SWEEP_BATCH = 100;

/**
 * Raises one sla_breached alert for each critical alert neither acknowledged nor dispatched by its
 * ack_due_at. The deadline is a column, so alerts raised before a restart (or by another instance)
 * are found by whichever instance sweeps next. Due alerts are claimed FOR UPDATE SKIP LOCKED and
 * marked with the breach in the same transaction, and the breach's id derives from the breached
 * alert's: two instances sweeping together, or a sweep repeated, raise it once.
 */
@Injectable()
export class AckSlaWatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AckSlaWatcher');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RaiseAlertService) private readonly alerts: RaiseAlertService,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  // Before the database connection closes (module destruction precedes shutdown), so a sweep in
  // progress finishes rather than failing halfway.
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One sweep: raises the breaches due now; how many were raised. */
  async sweep(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: Array<{
        id: string;
        case_id: string;
        kind: string;
        region: string;
        source_event_ids: string[];
        ack_due_at: Date;
      }> = await manager.query(
        `SELECT id, case_id, kind, region, source_event_ids, ack_due_at FROM ministry_alert
          WHERE ack_due_at <= now() AND sla_breach_alert_id IS NULL AND status = 'open'
          ORDER BY ack_due_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [SWEEP_BATCH],
      );
      for (const alert of due) {
        const decision = alertForAckSlaBreach({
          id: alert.id,
          kind: alert.kind,
          region: alert.region,
          ackDueAt: alert.ack_due_at,
        });
        const breachId = await this.alerts.raise(manager, alert.case_id, decision, {
          // The breach follows from the breached alert's own sources (its raise event is not stored).
          eventId: alert.source_event_ids[0] ?? alert.id,
          factId: alert.id,
          sourceEventIds: alert.source_event_ids,
        });
        await manager.query(`UPDATE ministry_alert SET sla_breach_alert_id = $2 WHERE id = $1`, [
          alert.id,
          breachId,
        ]);
      }
      return due.length;
    });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .catch((error: unknown) => {
          // The code only: a driver message may quote row values.
          const code = (error as { code?: unknown }).code;
          this.logger.warn(`ack SLA sweep failed (${typeof code === 'string' ? code : 'error'}); retrying`);
        })
        .finally(() => {
          this.running = undefined;
          this.schedule(ACK_SLA_SWEEP_INTERVAL_MS);
        });
    }, delayMs);
    this.timer.unref();
  }
}
