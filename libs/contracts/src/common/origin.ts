import { Describe, Matching, Optional, Uuid } from './decorators.js';
import { UNIT_ID_PATTERN } from './patterns.js';

/** What a watchlist entry came from, so the unit that reported the person sees checkpoint matches. */
@Describe(
  'What a watchlist entry came from, so the unit that reported the person sees checkpoint matches. Not personal data.',
)
export class WatchlistOrigin {
  /** Unit id of the reporting unit, e.g. polda:riau. Not personal data. */
  @Describe('Unit id of the reporting unit, e.g. polda:riau. Not personal data.')
  @Matching(UNIT_ID_PATTERN, { max: 60 })
  unit!: string;

  /** Id (UUID) of the event that reported the person. Not personal data. */
  @Describe('Id (UUID) of the event that reported the person. Not personal data.')
  @Uuid()
  eventId!: string;

  /** The suspectId or candidateId (UUID) of the person in that event. A pseudonymous identifier. */
  @Describe('The suspectId or candidateId (UUID) of the person in that event. A pseudonymous identifier.')
  @Optional()
  @Uuid()
  personId?: string;
}
