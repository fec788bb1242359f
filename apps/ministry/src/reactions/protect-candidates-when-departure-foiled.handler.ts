import { Inject, Injectable } from '@nestjs/common';
import { OnBusEvent, type EventContext } from '@simpul/bus';
import { POLICE_DEPARTURE_FOILED_V1, type SimpulEvent } from '@simpul/contracts';
import { alertForFoiledDeparture } from '../alerts/alert.rules.js';
import { RaiseAlertService } from '../alerts/raise-alert/raise-alert.service.js';
import { caseKeys } from '../cases/case.rules.js';
import { LinkEventsService } from '../cases/link-events/link-events.service.js';
import { RecordCompanyService } from '../companies/record-company/record-company.service.js';
import { LinkFindingsService } from '../patrol/link-findings/link-findings.service.js';
import { RecordPreventionService } from '../stats/record-prevention/record-prevention.service.js';
import { IssueAutomaticEntriesService } from '../watchlist/issue-automatic-entries/issue-automatic-entries.service.js';
import { entriesForFoiledDeparture } from '../watchlist/watchlist.rules.js';
import { MinistryAudit } from '../audit/ministry-audit.service.js';

/**
 * When police foil a departure: open or link the case (interception id, candidates' NIK, passport
 * or name plus date of birth), raise an interception alert, issue protective/refer entries for the candidates (90 days), record
 * the placement company, link the cyber patrol findings that give a candidate's phone number or name
 * that company, and count candidateCount as prevented. One transaction with the inbox row;
 * every write is keyed by the event, so a duplicate changes nothing.
 */
@Injectable()
export class ProtectCandidatesWhenDepartureFoiled {
  constructor(
    @Inject(LinkEventsService) private readonly cases: LinkEventsService,
    @Inject(RaiseAlertService) private readonly alerts: RaiseAlertService,
    @Inject(IssueAutomaticEntriesService) private readonly watchlist: IssueAutomaticEntriesService,
    @Inject(RecordCompanyService) private readonly companies: RecordCompanyService,
    @Inject(RecordPreventionService) private readonly prevention: RecordPreventionService,
    @Inject(MinistryAudit) private readonly audit: MinistryAudit,
    @Inject(LinkFindingsService) private readonly findings: LinkFindingsService,
  ) {}

  @OnBusEvent(POLICE_DEPARTURE_FOILED_V1, { consumer: 'ministry-police' })
  async handle(event: SimpulEvent<'police.departure.foiled.v1'>, { manager }: EventContext): Promise<void> {
    const data = event.data;
    const caseId = await this.cases.link(manager, {
      eventId: event.id,
      eventType: event.type,
      occurredAt: data.occurredAt,
      region: data.polda,
      keys: caseKeys({ interceptionId: data.interceptionId, persons: data.candidates.map((c) => c.person) }),
    });
    await this.alerts.raise(manager, caseId, alertForFoiledDeparture(data), {
      eventId: event.id,
      factId: data.interceptionId,
    });
    await this.watchlist.issue(manager, entriesForFoiledDeparture(data, event.id), caseId, event);
    if (data.placementCompany) await this.companies.record(manager, data.placementCompany, event.id);
    await this.findings.recordCaseParties(manager, caseId, event.id, {
      persons: data.candidates.map((c) => c.person),
      companyNames: [data.placementCompany?.name],
    });
    await this.prevention.record(manager, {
      eventId: event.id,
      factId: data.interceptionId,
      kind: 'foiled',
      polda: data.polda,
      checkpoint: data.route.exitPoint,
      occurredAt: data.occurredAt,
      prevented: data.candidateCount,
    });
    this.audit.eventStep(manager, event, {
      action: 'departure_foiled.processed',
      recordType: 'interception',
      recordId: data.interceptionId,
      persons: data.candidates.map((c) => c.person),
    });
  }
}
