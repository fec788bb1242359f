// What the case use cases refuse, as coded domain errors (the exception filter picks the status).
import { DomainError } from '@simpul/http';

/** The case id is not a UUID or names no stored case. */
export class CaseNotFound extends DomainError {
  constructor() {
    super('MINISTRY.CASE_NOT_FOUND', 'notFound', 'case not found');
  }
}
