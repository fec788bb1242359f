import { Inject, Injectable } from '@nestjs/common';
import { OutboxService } from '@simpul/bus';
import { buildEvent, MINISTRY_PATROL_FINDING_RECORDED_V1, MINISTRY_SOURCE, uuidv7 } from '@simpul/contracts';
import {
  buildOrReject,
  generatedFieldProblem,
  IdempotentWriteService,
  normaliseBodyPhoneNumbers,
  objectBody,
  phoneNumberPaths,
} from '@simpul/http';
import { MinistryAudit } from '../../audit/ministry-audit.service.js';
import { normaliseCompanyName } from '../../companies/company.rules.js';
import { PersonVault } from '../../identities/person-vault.js';
import { LinkFindingsService } from '../link-findings/link-findings.service.js';
import { FINDING_HANDLE_COLUMN, FINDING_PHONES_COLUMN } from '../finding.view.js';
import { GENERATED_FINDING_FIELDS, MAX_EVENT_CASE_IDS, patrolKeys } from '../patrol.rules.js';

export interface RecordedFinding {
  id: string;
  eventId: string;
  /** The cases the finding joined when recorded, the oldest first. */
  caseIds: string[];
}

/**
 * Records a cyber patrol finding: stored (handle and phone numbers only encrypted, each phone
 * number's blind index beside it), linked to the cases sharing a phone number or the placement
 * company, and published as ministry.patrol.finding.recorded.v1 with those cases, in one
 * transaction; a patrol_finding alert for each linked case with an active watchlist entry.
 */
@Injectable()
export class RecordFindingService {
  constructor(
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(IdempotentWriteService) private readonly writes: IdempotentWriteService,
    @Inject(PersonVault) private readonly vault: PersonVault,
    @Inject(LinkFindingsService) private readonly links: LinkFindingsService,
    @Inject(MinistryAudit) private readonly audit: MinistryAudit,
  ) {}

  async record(body: unknown, unitId: string, idempotencyKey: string | undefined): Promise<RecordedFinding> {
    const write = {
      unitId,
      key: idempotencyKey,
      operation: 'POST /v1/patrol/findings',
      body,
      statusCode: 201,
    };
    return this.writes.run(write, async (manager) => {
      // `0812-3456-7890` is read as +6281234567890 before validation; what cannot be read is left
      // for the contract's phoneNumber rule to name.
      const fields = normaliseBodyPhoneNumbers(
        objectBody(body),
        phoneNumberPaths(MINISTRY_PATROL_FINDING_RECORDED_V1),
      );
      const extra = GENERATED_FINDING_FIELDS.filter((f) => f in fields).map(generatedFieldProblem);
      const findingId = uuidv7();
      const validated = buildOrReject(
        () =>
          buildEvent(
            MINISTRY_PATROL_FINDING_RECORDED_V1,
            { ...fields, findingId, recordedAt: new Date().toISOString() } as never,
            { source: MINISTRY_SOURCE },
          ),
        extra,
      );
      const data = validated.data;
      const phones = [...new Set(data.phoneNumbers ?? [])];
      const phoneIndexes = this.vault.phoneIndexes(phones);
      const keys = patrolKeys({ phoneIndexes, companyNames: [data.companyName] });
      await this.links.lock(manager, keys);
      const caseIds = await this.links.casesSharing(manager, keys);
      const event = buildEvent(
        MINISTRY_PATROL_FINDING_RECORDED_V1,
        { ...data, caseIds: caseIds.slice(0, MAX_EVENT_CASE_IDS) },
        { source: MINISTRY_SOURCE },
      );
      await manager.query(
        `INSERT INTO ministry_patrol_finding
           (id, event_id, recorded_at, platform, url, posted_at, account_handle_encrypted, phone_numbers_encrypted,
            phone_count, company_name, company_key, destination_country, summary, region, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          findingId,
          event.id,
          data.recordedAt,
          data.platform,
          data.url,
          data.postedAt ?? null,
          data.accountHandle !== undefined
            ? this.vault.sealField(data.accountHandle, FINDING_HANDLE_COLUMN, findingId)
            : null,
          phones.length > 0
            ? this.vault.sealField(JSON.stringify(phones), FINDING_PHONES_COLUMN, findingId)
            : null,
          phones.length,
          data.companyName ?? null,
          data.companyName ? normaliseCompanyName(data.companyName) || null : null,
          data.destinationCountry ?? null,
          data.summary,
          data.region ?? null,
          unitId,
        ],
      );
      await manager.query(
        `INSERT INTO ministry_patrol_finding_phone (finding_id, phone_index)
         SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
        [findingId, phoneIndexes],
      );
      await this.outbox.append(manager, event);
      for (const caseId of caseIds) {
        const finding = { id: findingId, platform: data.platform, eventId: event.id };
        await this.links.linkAndAlert(manager, finding, caseId, event.id);
      }
      this.audit.deskStep(manager, unitId, {
        action: 'patrol_finding.recorded',
        recordType: 'patrol_finding',
        recordId: findingId,
        subjectRefs: phoneIndexes,
      });
      return { id: findingId, eventId: event.id, caseIds };
    });
  }
}
