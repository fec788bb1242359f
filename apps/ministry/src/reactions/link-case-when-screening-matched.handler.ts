import { Inject, Injectable } from '@nestjs/common';
import { OnBusEvent, type EventContext } from '@simpul/bus';
import { IMMIGRATION_SCREENING_MATCHED_V1, type SimpulEvent } from '@simpul/contracts';
import { alertForScreeningMatch } from '../alerts/alert.rules.js';
import { RaiseAlertService } from '../alerts/raise-alert/raise-alert.service.js';
import { caseKeys } from '../cases/case.rules.js';
import { LinkEventsService } from '../cases/link-events/link-events.service.js';
import { MinistryAudit } from '../audit/ministry-audit.service.js';
import { OpenReferralService } from '../referrals/open-referral/open-referral.service.js';

/**
 * When a checkpoint matches a traveller against an entry: link the match to the case of the entry
 * (else by the traveller's NIK, passport or name plus date of birth), record it on the case (ids
 * only) and raise a watchlist_match alert, critical on a dpo entry. A refer on a protective entry
 * also opens the P4MI referral of that checkpoint, here because it belongs to the case just linked.
 */
@Injectable()
export class LinkCaseWhenScreeningMatched {
  constructor(
    @Inject(LinkEventsService) private readonly cases: LinkEventsService,
    @Inject(RaiseAlertService) private readonly alerts: RaiseAlertService,
    @Inject(MinistryAudit) private readonly audit: MinistryAudit,
    @Inject(OpenReferralService) private readonly referrals: OpenReferralService,
  ) {}

  @OnBusEvent(IMMIGRATION_SCREENING_MATCHED_V1, { consumer: 'ministry-immigration' })
  async handle(
    event: SimpulEvent<'immigration.screening.matched.v1'>,
    { manager }: EventContext,
  ): Promise<void> {
    const data = event.data;
    const entries: Array<{ case_id: string | null; legal_type: string }> = await manager.query(
      `SELECT case_id, legal_type FROM ministry_watchlist_entry WHERE id = $1`,
      [data.entryId],
    );
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
      kind: 'match',
      factId: data.screeningId,
      checkpoint: data.checkpoint,
      decision: data.decision,
      entryId: data.entryId,
      screeningId: data.screeningId,
      occurredAt: data.occurredAt,
    });
    await this.alerts.raise(manager, caseId, alertForScreeningMatch(data, entries[0]?.legal_type), {
      eventId: event.id,
      factId: data.screeningId,
    });
    await this.referrals.openFor(manager, event, caseId, entries[0]?.legal_type);
    this.audit.eventStep(manager, event, {
      action: 'screening_match.processed',
      recordType: 'screening',
      recordId: data.screeningId,
      persons: [data.traveler],
    });
  }
}
