import {
  DateTime,
  Describe,
  Int,
  Nested,
  Num,
  OneOf,
  Optional,
  UnitCode,
  Uuid,
} from '../common/decorators.js';
import { WatchlistOrigin } from '../common/origin.js';
import { Person } from '../common/person.js';

export const IMMIGRATION_SCREENING_MATCHED_V1 = 'immigration.screening.matched.v1';

export const SCREENING_DECISIONS = ['refer', 'deny'] as const;
export type ScreeningDecision = (typeof SCREENING_DECISIONS)[number];

/** immigration.screening.matched.v1: a checkpoint screened a departing traveller who matched a watchlist entry. */
@Describe('A checkpoint screened a departing traveller who matched a watchlist entry.')
export class ImmigrationScreeningMatchedV1 {
  /** Id (UUID) of the screening. Not personal data. */
  @Describe('Id (UUID) of the screening. Not personal data.')
  @Uuid()
  screeningId!: string;

  /** Code of the checkpoint (TPI) that screened (batam-center); the unit token of the subject. Not personal data. */
  @Describe(
    'Code of the checkpoint (TPI) that screened (batam-center); the unit token of the subject. Not personal data.',
  )
  @UnitCode()
  checkpoint!: string;

  /** When the screening happened: ISO 8601 date-time with a zone. Not personal data. */
  @Describe('When the screening happened: ISO 8601 date-time with a zone. Not personal data.')
  @DateTime()
  occurredAt!: string;

  /** Id (UUID) of the matched watchlist entry. Not personal data. */
  @Describe('Id (UUID) of the matched watchlist entry. Not personal data.')
  @Uuid()
  entryId!: string;

  /** Version of the matched entry held by the checkpoint\u2019s replica, integer >= 1. Not personal data. */
  @Describe(
    'Version of the matched entry held by the checkpoint\u2019s replica, integer >= 1. Not personal data.',
  )
  @Int({ min: 1, max: 2_147_483_647 })
  entryVersion!: number;

  /** Match score, 0 (no likeness) to 1 (certain). Not personal data. */
  @Describe('Match score, 0 (no likeness) to 1 (certain). Not personal data.')
  @Num({ min: 0, max: 1 })
  score!: number;

  /** refer (interview, P4MI referral) or deny (departure refused). Personal data. */
  @Describe('refer (interview, P4MI referral) or deny (departure refused). Personal data.')
  @OneOf(SCREENING_DECISIONS)
  decision!: ScreeningDecision;

  /** The traveller as presented at the desk. Personal data. */
  @Describe('The traveller as presented at the desk. Personal data.')
  @Nested(() => Person)
  traveler!: Person;

  /** Copied from the matched entry, so the unit that reported the person sees the match. Not personal data. */
  @Describe(
    'Copied from the matched entry, so the unit that reported the person sees the match. Not personal data.',
  )
  @Optional()
  @Nested(() => WatchlistOrigin)
  origin?: WatchlistOrigin;
}
