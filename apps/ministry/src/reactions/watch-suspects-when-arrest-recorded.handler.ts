import { Inject, Injectable } from '@nestjs/common';
import { OnBusEvent, type EventContext } from '@simpul/bus';
import { POLICE_ARREST_RECORDED_V1, type SimpulEvent } from '@simpul/contracts';
import { alertForArrest } from '../alerts/alert.rules.js';
import { RaiseAlertService } from '../alerts/raise-alert/raise-alert.service.js';
import { caseKeys } from '../cases/case.rules.js';
import { LinkEventsService } from '../cases/link-events/link-events.service.js';
import { RecordCompanyService } from '../companies/record-company/record-company.service.js';
import { MinistryConfig } from '../config/ministry.config.js';
import { LinkFindingsService } from '../patrol/link-findings/link-findings.service.js';
import { IssueAutomaticEntriesService } from '../watchlist/issue-automatic-entries/issue-automatic-entries.service.js';
import { entriesForArrest } from '../watchlist/watchlist.rules.js';
import { MinistryAudit } from '../audit/ministry-audit.service.js';

/**
 * When police record an arrest: link it to the case of its report number, of the foiled departure
 * it names (interceptionId) or of the same person (NIK, passport, or name plus date of birth), raise an arrest alert, issue
 * dpo/deny_departure entries for suspects at large and advisory/refer for the others, and record
 * the suspects' companies, and link the cyber patrol findings that give a suspect's phone number or
 * name a suspect's company. One transaction with the inbox row; a duplicate changes nothing.
 */
@Injectable()
export class WatchSuspectsWhenArrestRecorded {
  constructor(
    @Inject(MinistryConfig) private readonly config: MinistryConfig,
    @Inject(LinkEventsService) private readonly cases: LinkEventsService,
    @Inject(RaiseAlertService) private readonly alerts: RaiseAlertService,
    @Inject(IssueAutomaticEntriesService) private readonly watchlist: IssueAutomaticEntriesService,
    @Inject(RecordCompanyService) private readonly companies: RecordCompanyService,
    @Inject(MinistryAudit) private readonly audit: MinistryAudit,
    @Inject(LinkFindingsService) private readonly findings: LinkFindingsService,
  ) {}

  @OnBusEvent(POLICE_ARREST_RECORDED_V1, { consumer: 'ministry-police' })
  async handle(event: SimpulEvent<'police.arrest.recorded.v1'>, { manager }: EventContext): Promise<void> {
    const data = event.data;
    const caseId = await this.cases.link(manager, {
      eventId: event.id,
      eventType: event.type,
      occurredAt: data.occurredAt,
      region: data.polda,
      keys: caseKeys({
        reportNumber: data.reportNumber,
        interceptionId: data.interceptionId,
        persons: data.suspects.map((s) => s.person),
      }),
    });
    await this.alerts.raise(manager, caseId, alertForArrest(data), {
      eventId: event.id,
      factId: data.arrestId,
    });
    await this.watchlist.issue(
      manager,
      entriesForArrest(data, event.id, {
        dpoDays: this.config.MINISTRY_DPO_VALID_DAYS,
        advisoryDays: this.config.MINISTRY_ADVISORY_VALID_DAYS,
      }),
      caseId,
      event,
    );
    for (const suspect of data.suspects) {
      if (suspect.company) await this.companies.record(manager, suspect.company, event.id);
    }
    // After the entries: a finding linked now alerts when the case has an active one (these included).
    await this.findings.recordCaseParties(manager, caseId, event.id, {
      persons: data.suspects.map((s) => s.person),
      companyNames: data.suspects.map((s) => s.company?.name),
    });
    this.audit.eventStep(manager, event, {
      action: 'arrest.processed',
      recordType: 'arrest',
      recordId: data.arrestId,
      persons: data.suspects.map((s) => s.person),
    });
  }
}
