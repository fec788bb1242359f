import { DomainError } from '../errors/domain-error.js';

/** A unit tried to act for another (a token of polda:riau recording for polda:kepri). Unit ids only. */
export class WrongUnit extends DomainError {
  constructor(unitId: string, expectedUnitId: string) {
    super('AUTH.WRONG_UNIT', 'forbidden', `unit ${unitId} may not act for ${expectedUnitId}`);
  }
}
