import { Company } from '../common/company.js';
import {
  DateTime,
  Describe,
  Nested,
  NestedArray,
  OneOf,
  Optional,
  Text,
  TextArray,
  UnitCode,
  Uuid,
} from '../common/decorators.js';
import { Person } from '../common/person.js';
import { Place } from '../common/place.js';

export const POLICE_ARREST_RECORDED_V1 = 'police.arrest.recorded.v1';

export const SUSPECT_STATUSES = ['detained', 'at_large', 'released'] as const;
export type SuspectStatus = (typeof SUSPECT_STATUSES)[number];

export const SUSPECT_ROLES = [
  'broker',
  'recruiter',
  'transporter',
  'boatman',
  'document_forger',
  'company_official',
  'financier',
  'coordinator',
  'other',
] as const;
export type SuspectRole = (typeof SUSPECT_ROLES)[number];

/** One suspect of an arrest record. */
@Describe('One suspect of an arrest record. Personal data (criminal record: specific data under UU PDP).')
export class ArrestSuspect {
  /** Id (UUID) the Polda gives this suspect; watchlist entries refer to it. A pseudonymous identifier. */
  @Describe(
    'Id (UUID) the Polda gives this suspect; watchlist entries refer to it. A pseudonymous identifier.',
  )
  @Uuid()
  suspectId!: string;

  /** Who the suspect is. Personal data. */
  @Describe('Who the suspect is. Personal data.')
  @Nested(() => Person)
  person!: Person;

  /** detained, at_large or released. Personal data (criminal record). */
  @Describe('detained, at_large or released. Personal data (criminal record).')
  @OneOf(SUSPECT_STATUSES)
  status!: SuspectStatus;

  /** Role in the operation: broker (calo), recruiter (sponsor), transporter, boatman (tekong), document_forger, company_official, financier, coordinator or other. Personal data (criminal record). */
  @Describe(
    'Role in the operation: broker (calo), recruiter (sponsor), transporter, boatman (tekong), document_forger, company_official, financier, coordinator or other. Personal data (criminal record).',
  )
  @OneOf(SUSPECT_ROLES)
  role!: SuspectRole;

  /** The company the suspect acted for, if any. Not personal data. */
  @Describe('The company the suspect acted for, if any. Not personal data.')
  @Optional()
  @Nested(() => Company)
  company?: Company;
}

/** police.arrest.recorded.v1: a Polda recorded the arrest of one or more trafficking suspects. */
@Describe('A Polda recorded the arrest of one or more trafficking (TPPO) suspects.')
export class PoliceArrestRecordedV1 {
  /** Id (UUID) of the arrest record. Not personal data. */
  @Describe('Id (UUID) of the arrest record. Not personal data.')
  @Uuid()
  arrestId!: string;

  /** Police report number (Laporan Polisi), the police case reference, 1-100 characters. Not personal data. */
  @Describe(
    'Police report number (Laporan Polisi), the police case reference, 1-100 characters. Not personal data.',
  )
  @Text({ max: 100 })
  reportNumber!: string;

  /** Code of the Polda that made the arrest (riau, kepri, ...); the unit token of the subject. Not personal data. */
  @Describe(
    'Code of the Polda that made the arrest (riau, kepri, ...); the unit token of the subject. Not personal data.',
  )
  @UnitCode()
  polda!: string;

  /** When the arrest happened: ISO 8601 date-time with a zone. Not personal data. */
  @Describe('When the arrest happened: ISO 8601 date-time with a zone. Not personal data.')
  @DateTime()
  occurredAt!: string;

  /** Where the arrest happened. Not personal data. */
  @Describe('Where the arrest happened. Not personal data.')
  @Nested(() => Place)
  location!: Place;

  /** The suspects arrested or sought, 1-200. Personal data. */
  @Describe('The suspects arrested or sought, 1-200. Personal data.')
  @NestedArray(() => ArrestSuspect, { min: 1, max: 200 })
  suspects!: ArrestSuspect[];

  /** Id (UUID) of the foiled departure this arrest belongs to, if any. Not personal data. */
  @Describe(
    'Id (UUID) of the foiled departure (police.departure.foiled.v1) this arrest belongs to, if any. Not personal data.',
  )
  @Optional()
  @Uuid()
  interceptionId?: string;

  /** Articles of law relied on (e.g. "UU 21/2007 Pasal 4"), at most 20 of 1-200 characters. Not personal data. */
  @Describe(
    'Articles of law relied on (e.g. "UU 21/2007 Pasal 4"), at most 20 of 1-200 characters. Not personal data.',
  )
  @Optional()
  @TextArray({ maxItems: 20, maxLength: 200 })
  legalBasis?: string[];
}
