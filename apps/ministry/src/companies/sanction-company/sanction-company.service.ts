import { Inject, Injectable } from '@nestjs/common';
import { OutboxService } from '@simpul/bus';
import { buildEvent, MINISTRY_COMPANY_SANCTIONED_V1, MINISTRY_SOURCE, uuidv7 } from '@simpul/contracts';
import { CompanyNotFound } from '../companies.errors.js';
import { IdempotentWriteService, type IdempotencyContext, buildOrReject, objectBody } from '@simpul/http';
import { isUuid } from '../../common/uuid.js';
import { CompanyEntity } from '../company.entity.js';
import { MinistryAudit } from '../../audit/ministry-audit.service.js';

/** Fields the service sets from the path and the stored company. */
export const GENERATED_SANCTION_FIELDS = ['companyId', 'company'];

/** Sanctions a recorded company: stored and published as ministry.company.sanctioned.v1 in one transaction. */
@Injectable()
export class SanctionCompanyService {
  constructor(
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(IdempotentWriteService) private readonly writes: IdempotentWriteService,
    @Inject(MinistryAudit) private readonly audit: MinistryAudit,
  ) {}

  async sanction(
    companyId: string,
    body: unknown,
    imposedBy: string,
    idempotencyKey: string | undefined,
  ): Promise<{ id: string; companyId: string; eventId: string }> {
    const idempotency: IdempotencyContext = { unitId: imposedBy, key: idempotencyKey };
    const write = {
      ...idempotency,
      operation: `POST /v1/companies/${companyId}/sanctions`,
      body,
      statusCode: 201,
    };
    return this.writes.run(write, async (manager) => {
      const fields = objectBody(body);
      const notFound = new CompanyNotFound();
      if (!isUuid(companyId)) throw notFound;
      const company = await manager.getRepository(CompanyEntity).findOneBy({ id: companyId });
      if (!company) throw notFound;
      const extra = GENERATED_SANCTION_FIELDS.filter((f) => f in fields).map((f) => ({
        path: f,
        rule: 'unknownProperty',
        message: `${f}: is set by the ministry, not by the request [unknownProperty]`,
      }));
      const event = buildOrReject(
        () =>
          buildEvent(
            MINISTRY_COMPANY_SANCTIONED_V1,
            {
              ...(fields as object),
              companyId,
              company: {
                name: company.name,
                ...(company.licenseNumber ? { licenseNumber: company.licenseNumber } : {}),
              },
            } as never,
            { source: MINISTRY_SOURCE },
          ),
        extra,
      );
      const id = uuidv7();
      const data = event.data;
      await manager.query(
        `INSERT INTO ministry_company_sanction
           (id, company_id, sanction, reason, effective_from, effective_until, case_id, event_id, imposed_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())`,
        [
          id,
          companyId,
          data.sanction,
          data.reason,
          data.effectiveFrom,
          data.effectiveUntil ?? null,
          data.caseId ?? null,
          event.id,
          imposedBy,
        ],
      );
      await this.outbox.append(manager, event);
      this.audit.deskStep(manager, imposedBy, {
        action: 'company.sanctioned',
        recordType: 'company',
        recordId: companyId,
      });
      return { id, companyId, eventId: event.id };
    });
  }
}
