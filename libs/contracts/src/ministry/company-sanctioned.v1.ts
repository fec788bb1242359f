import { Company } from '../common/company.js';
import { DateTime, Describe, Enforce, Nested, OneOf, Optional, Text, Uuid } from '../common/decorators.js';
import { effectiveUntilAfterEffectiveFrom } from '../rules/validity.rules.js';

export const MINISTRY_COMPANY_SANCTIONED_V1 = 'ministry.company.sanctioned.v1';

export const COMPANY_SANCTIONS = ['warning', 'suspension', 'revocation'] as const;
export type CompanySanction = (typeof COMPANY_SANCTIONS)[number];

/** ministry.company.sanctioned.v1: KP2MI sanctioned a placement company (P3MI). */
@Describe('KP2MI sanctioned a placement company (P3MI).')
export class MinistryCompanySanctionedV1 {
  /** Id (UUID) of the company in the ministry's register. Not personal data. */
  @Describe('Id (UUID) of the company in the ministry\u2019s register. Not personal data.')
  @Uuid()
  companyId!: string;

  /** The company sanctioned. Not personal data. */
  @Describe('The company sanctioned. Not personal data.')
  @Nested(() => Company)
  company!: Company;

  /** warning, suspension or revocation (of the licence). Not personal data. */
  @Describe('warning, suspension or revocation (of the licence). Not personal data.')
  @OneOf(COMPANY_SANCTIONS)
  sanction!: CompanySanction;

  /** Why, 1-2000 characters. May contain personal data. */
  @Describe('Why, 1-2000 characters. May contain personal data.')
  @Text({ max: 2000 })
  reason!: string;

  /** When the sanction takes effect: ISO 8601 date-time with a zone. Not personal data. */
  @Describe('When the sanction takes effect: ISO 8601 date-time with a zone. Not personal data.')
  @DateTime()
  effectiveFrom!: string;

  /** When it ends, strictly after effectiveFrom; absent means until lifted. ISO 8601 date-time with a zone. Not personal data. */
  @Describe(
    'When it ends, strictly after effectiveFrom; absent means until lifted. ISO 8601 date-time with a zone. Not personal data.',
  )
  @Optional()
  @DateTime()
  @Enforce(effectiveUntilAfterEffectiveFrom)
  effectiveUntil?: string;

  /** Id (UUID) of the ministry case, if any. Not personal data. */
  @Describe('Id (UUID) of the ministry case, if any. Not personal data.')
  @Optional()
  @Uuid()
  caseId?: string;
}
