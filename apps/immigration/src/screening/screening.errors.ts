// What the screening use cases refuse, as coded domain errors (the exception filter picks the status).
import { DomainError } from '@simpul/http';

/** No stored screening has this id (ids only in the message: no personal data). */
export class ScreeningNotFound extends DomainError {
  constructor(screeningId: string) {
    super('IMMIGRATION.SCREENING_NOT_FOUND', 'notFound', `screening ${screeningId} not found`);
  }
}

/** The desk already recorded what it did after this screening: an outcome is recorded once. */
export class OutcomeAlreadyRecorded extends DomainError {
  constructor(screeningId: string) {
    super(
      'IMMIGRATION.OUTCOME_ALREADY_RECORDED',
      'conflict',
      `screening ${screeningId} already has an outcome`,
    );
  }
}
