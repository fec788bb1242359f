import { Injectable } from '@nestjs/common';
import type { Company } from '@simpul/contracts';
import type { EntityManager } from 'typeorm';
import { deterministicUuid } from '../../common/ids.js';
import { companyIdentityKey } from '../company.rules.js';

/** Records a placement company named in an event against its licence (else its normalised name). */
@Injectable()
export class RecordCompanyService {
  /** Returns the company id; a repeated event id is not added twice. */
  async record(manager: EntityManager, company: Company, eventId: string): Promise<string> {
    const key = companyIdentityKey(company);
    const id = deterministicUuid('company', key);
    await manager.query(
      `INSERT INTO ministry_company (id, identity_key, name, license_number, source_event_ids)
       VALUES ($1, $2, $3, $4, ARRAY[$5]::text[])
       ON CONFLICT (identity_key) DO UPDATE SET
         license_number = COALESCE(ministry_company.license_number, EXCLUDED.license_number),
         source_event_ids = CASE WHEN $5 = ANY (ministry_company.source_event_ids)
           THEN ministry_company.source_event_ids
           ELSE array_append(ministry_company.source_event_ids, $5) END`,
      [id, key, company.name, company.licenseNumber ?? null, eventId],
    );
    return id;
  }
}
