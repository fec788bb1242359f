// What the company use cases refuse, as coded domain errors (the exception filter picks the status).
import { DomainError } from '@simpul/http';

/** The company id is not a UUID or names no stored company. */
export class CompanyNotFound extends DomainError {
  constructor() {
    super('MINISTRY.COMPANY_NOT_FOUND', 'notFound', 'company not found');
  }
}
