import { Inject, Injectable } from '@nestjs/common';
import { OnBusEvent, type EventContext } from '@simpul/bus';
import { IMMIGRATION_DEPARTURE_DELAYED_V1, type SimpulEvent } from '@simpul/contracts';
import { alertForDepartureDelayed } from '../alerts/alert.rules.js';
import { RaiseAlertService } from '../alerts/raise-alert/raise-alert.service.js';
import { caseKeys } from '../cases/case.rules.js';
import { LinkEventsService } from '../cases/link-events/link-events.service.js';
import { RecordPreventionService } from '../stats/record-prevention/record-prevention.service.js';
import { MinistryAudit } from '../audit/ministry-audit.service.js';

/**
 * When a checkpoint delays a departure: count it as one prevented departure (for its checkpoint),
 * link it to the case of its entry or of the same person, record it on the case (ids only), and raise a
 * departure_delayed alert.
 */
@Injectable()
export class CountPreventionWhenDepartureDelayed {
  constructor(
    @Inject(LinkEventsService) private readonly cases: LinkEventsService,
    @Inject(RaiseAlertService) private readonly alerts: RaiseAlertService,
    @Inject(RecordPreventionService) private readonly prevention: RecordPreventionService,
    @Inject(MinistryAudit) private readonly audit: MinistryAudit,
  ) {}

  @OnBusEvent(IMMIGRATION_DEPARTURE_DELAYED_V1, { consumer: 'ministry-immigration' })
  async handle(
    event: SimpulEvent<'immigration.departure.delayed.v1'>,
    { manager }: EventContext,
  ): Promise<void> {
    const data = event.data;
    const entries: Array<{ case_id: string | null }> = data.entryId
      ? await manager.query(`SELECT case_id FROM ministry_watchlist_entry WHERE id = $1`, [data.entryId])
      : [];
    const caseId = await this.cases.link(manager, {
      eventId: event.id,
      eventType: event.type,
      occurredAt: data.occurredAt,
      region: data.checkpoint,
      keys: caseKeys({ persons: [data.traveler] }),
      preferredCaseId: entries[0]?.case_id ?? null,
    });
    await this.cases.recordCheckpointFact(manager, {
      eventId: event.id,
      caseId,
      kind: 'delay',
      factId: data.delayId,
      checkpoint: data.checkpoint,
      decision: data.reason,
      entryId: data.entryId ?? null,
      screeningId: data.screeningId ?? null,
      occurredAt: data.occurredAt,
    });
    await this.prevention.record(manager, {
      eventId: event.id,
      factId: data.delayId,
      kind: 'delayed',
      checkpoint: data.checkpoint,
      occurredAt: data.occurredAt,
      prevented: 1,
    });
    await this.alerts.raise(manager, caseId, alertForDepartureDelayed(data), {
      eventId: event.id,
      factId: data.delayId,
    });
    this.audit.eventStep(manager, event, {
      action: 'departure_delay.processed',
      recordType: 'delay',
      recordId: data.delayId,
      persons: [data.traveler],
    });
  }
}
