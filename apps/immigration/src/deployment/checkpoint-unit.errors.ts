// Who may use this deployment's API, as a coded domain error (the exception filter picks the status).
import { DomainError } from '@simpul/http';

/** The unit is not a checkpoint this deployment serves (the same code as any other wrong unit). */
export class NotAServedCheckpoint extends DomainError {
  constructor(unitId: string) {
    super('AUTH.WRONG_UNIT', 'forbidden', `unit ${unitId} is not a checkpoint served by this deployment`);
  }
}
