import { Company } from '../common/company.js';
import {
  Bool,
  Country,
  DateTime,
  Describe,
  Enforce,
  Int,
  Nested,
  NestedArray,
  Optional,
  Text,
  UnitCode,
  Uuid,
} from '../common/decorators.js';
import { Person } from '../common/person.js';
import { Place } from '../common/place.js';
import { candidateCountCoversCandidates } from '../rules/interception.rules.js';

export const POLICE_DEPARTURE_FOILED_V1 = 'police.departure.foiled.v1';

/** Most candidates one interception lists (the contract's bound; candidateCount may be higher). */
export const MAX_CANDIDATES = 2000;

/** The route the candidates were about to take. */
@Describe('The route the candidates were about to take. Not personal data.')
export class DepartureRoute {
  /** Where they meant to leave Indonesia: a checkpoint code when known (dumai), else a place name, 1-120 characters. Not personal data. */
  @Describe(
    'Where they meant to leave Indonesia: a checkpoint code when known (dumai), else a place name, 1-120 characters. Not personal data.',
  )
  @Optional()
  @Text({ max: 120 })
  exitPoint?: string;

  /** Destination country, ISO 3166-1 alpha-3 (MYS). Not personal data. */
  @Describe('Destination country, ISO 3166-1 alpha-3 (MYS). Not personal data.')
  @Country()
  destinationCountry!: string;
}

/** One prospective migrant worker (CPMI) stopped before departure. */
@Describe('One prospective migrant worker (CPMI) stopped before departure: a likely victim. Personal data.')
export class FoiledCandidate {
  /** Id (UUID) the Polda gives this candidate; protective watchlist entries refer to it. A pseudonymous identifier. */
  @Describe(
    'Id (UUID) the Polda gives this candidate; protective watchlist entries refer to it. A pseudonymous identifier.',
  )
  @Uuid()
  candidateId!: string;

  /** Who the candidate is. Personal data of a likely victim (confidential identity, Law 21/2007 art. 44). */
  @Describe(
    'Who the candidate is. Personal data of a likely victim (confidential identity, Law 21/2007 art. 44).',
  )
  @Nested(() => Person)
  person!: Person;

  /** True when the candidate is under 18. Personal data (children\u2019s data is specific data under UU PDP). */
  @Describe(
    'True when the candidate is under 18. Personal data (children\u2019s data is specific data under UU PDP).',
  )
  @Optional()
  @Bool()
  minor?: boolean;
}

/** police.departure.foiled.v1: a Polda stopped prospective migrant workers from leaving non-procedurally. */
@Describe('A Polda stopped prospective migrant workers from leaving non-procedurally (an interception).')
export class PoliceDepartureFoiledV1 {
  /** Id (UUID) of the interception. Not personal data. */
  @Describe('Id (UUID) of the interception. Not personal data.')
  @Uuid()
  interceptionId!: string;

  /** Code of the Polda that intercepted (riau, ...); the unit token of the subject. Not personal data. */
  @Describe(
    'Code of the Polda that intercepted (riau, ...); the unit token of the subject. Not personal data.',
  )
  @UnitCode()
  polda!: string;

  /** When the departure was stopped: ISO 8601 date-time with a zone. Not personal data. */
  @Describe('When the departure was stopped: ISO 8601 date-time with a zone. Not personal data.')
  @DateTime()
  occurredAt!: string;

  /** Where the departure was stopped. Not personal data. */
  @Describe('Where the departure was stopped. Not personal data.')
  @Nested(() => Place)
  location!: Place;

  /** The route they were about to take. Not personal data. */
  @Describe('The route they were about to take. Not personal data.')
  @Nested(() => DepartureRoute)
  route!: DepartureRoute;

  /** The candidates identified, 0-2000. Personal data. */
  @Describe('The candidates identified, 0-2000. Personal data.')
  @NestedArray(() => FoiledCandidate, { min: 0, max: MAX_CANDIDATES })
  candidates!: FoiledCandidate[];

  /** How many people were stopped, integer 0-100000, at least the number of candidates listed; the prevention figure. Not personal data. */
  @Describe(
    'How many people were stopped, integer 0-100000, at least the number of candidates listed; the prevention figure. Not personal data.',
  )
  @Int({ min: 0, max: 100_000 })
  @Enforce(candidateCountCoversCandidates)
  candidateCount!: number;

  /** The placement company (P3MI) involved, if any. Not personal data. */
  @Describe('The placement company (P3MI) involved, if any. Not personal data.')
  @Optional()
  @Nested(() => Company)
  placementCompany?: Company;

  /** How many suspects were arrested in the same operation, integer 0-10000. Not personal data. */
  @Describe('How many suspects were arrested in the same operation, integer 0-10000. Not personal data.')
  @Optional()
  @Int({ min: 0, max: 10_000 })
  suspectsArrested?: number;
}
