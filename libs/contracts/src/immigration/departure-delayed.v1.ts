import {
  Country,
  DateTime,
  Describe,
  Enforce,
  Nested,
  OneOf,
  Optional,
  UnitCode,
  Uuid,
} from '../common/decorators.js';
import { Person } from '../common/person.js';
import { delayMaxDuration, validUntilAfterOccurredAt } from '../rules/validity.rules.js';

export const IMMIGRATION_DEPARTURE_DELAYED_V1 = 'immigration.departure.delayed.v1';

export const DELAY_REASONS = [
  'watchlist_match',
  'non_procedural_worker',
  'document_irregularity',
  'other',
] as const;
export type DelayReason = (typeof DELAY_REASONS)[number];

export const STATED_PURPOSES = [
  'tourism',
  'pilgrimage',
  'internship',
  'family_visit',
  'work',
  'other',
] as const;
export type StatedPurpose = (typeof STATED_PURPOSES)[number];

/** immigration.departure.delayed.v1: a checkpoint delayed a departure (penundaan keberangkatan). */
@Describe(
  'A checkpoint delayed a departure at the desk (penundaan keberangkatan); other exits refuse it until validUntil.',
)
export class ImmigrationDepartureDelayedV1 {
  /** Id (UUID) of the delay. Not personal data. */
  @Describe('Id (UUID) of the delay. Not personal data.')
  @Uuid()
  delayId!: string;

  /** Code of the checkpoint (TPI) that delayed the departure; the unit token of the subject. Not personal data. */
  @Describe(
    'Code of the checkpoint (TPI) that delayed the departure; the unit token of the subject. Not personal data.',
  )
  @UnitCode()
  checkpoint!: string;

  /** When the departure was delayed: ISO 8601 date-time with a zone. Not personal data. */
  @Describe('When the departure was delayed: ISO 8601 date-time with a zone. Not personal data.')
  @DateTime()
  occurredAt!: string;

  /** The traveller whose departure was delayed. Personal data. */
  @Describe('The traveller whose departure was delayed. Personal data.')
  @Nested(() => Person)
  traveler!: Person;

  /** watchlist_match, non_procedural_worker, document_irregularity or other. Personal data. */
  @Describe('watchlist_match, non_procedural_worker, document_irregularity or other. Personal data.')
  @OneOf(DELAY_REASONS)
  reason!: DelayReason;

  /** Purpose the traveller stated: tourism, pilgrimage, internship, family_visit, work or other. Personal data. */
  @Describe(
    'Purpose the traveller stated: tourism, pilgrimage, internship, family_visit, work or other. Personal data.',
  )
  @Optional()
  @OneOf(STATED_PURPOSES)
  statedPurpose?: StatedPurpose;

  /** Destination country, ISO 3166-1 alpha-3. Personal data. */
  @Describe('Destination country, ISO 3166-1 alpha-3. Personal data.')
  @Optional()
  @Country()
  destinationCountry?: string;

  /** Id (UUID) of the screening that led to the delay, if any. Not personal data. */
  @Describe('Id (UUID) of the screening that led to the delay, if any. Not personal data.')
  @Optional()
  @Uuid()
  screeningId?: string;

  /** Id (UUID) of the watchlist entry matched, if any. Not personal data. */
  @Describe('Id (UUID) of the watchlist entry matched, if any. Not personal data.')
  @Optional()
  @Uuid()
  entryId?: string;

  /** Until when other exits refuse the traveller: strictly after occurredAt, at most 30 days later. ISO 8601 date-time with a zone. Not personal data. */
  @Describe(
    'Until when other exits refuse the traveller: strictly after occurredAt and at most 30 days later. ISO 8601 date-time with a zone. Not personal data.',
  )
  @DateTime()
  @Enforce(validUntilAfterOccurredAt)
  @Enforce(delayMaxDuration)
  validUntil!: string;
}
