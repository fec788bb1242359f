// What the patrol use cases refuse, as coded domain errors (the exception filter picks the status).
import { DomainError } from '@simpul/http';

/** The finding id is not a UUID or names no stored finding. */
export class PatrolFindingNotFound extends DomainError {
  constructor() {
    super('MINISTRY.PATROL_FINDING_NOT_FOUND', 'notFound', 'patrol finding not found');
  }
}
