import { DomainError } from '../errors/domain-error.js';

/** The Idempotency-Key was already used by this unit with a different request (409). */
export class IdempotencyKeyReused extends DomainError {
  constructor() {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      'conflict',
      'this Idempotency-Key was already used with a different request',
    );
  }
}
