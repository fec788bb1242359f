// What the referral use cases refuse, as coded domain errors (the exception filter picks the status).
import { DomainError } from '@simpul/http';

/** The referral id is not a UUID or names no stored referral. */
export class ReferralNotFound extends DomainError {
  constructor() {
    super('MINISTRY.REFERRAL_NOT_FOUND', 'notFound', 'referral not found');
  }
}

/** A referral's outcome is recorded once; a second one would rewrite what the figures counted. */
export class ReferralOutcomeAlreadyRecorded extends DomainError {
  constructor() {
    super('MINISTRY.REFERRAL_OUTCOME_ALREADY_RECORDED', 'conflict', 'the referral already has its outcome');
  }
}
