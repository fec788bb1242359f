import type { ValidationIssue } from './api-error.js';

/**
 * What kind of failure a domain error is; the exception filter maps each kind to an HTTP status
 * (DOMAIN_ERROR_STATUS). Services say what went wrong, never which status to answer.
 */
export type DomainErrorKind = 'invalid' | 'forbidden' | 'notFound' | 'conflict' | 'unavailable';

/** The HTTP status of each kind, applied by ApiExceptionFilter. */
export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorKind, number>> = {
  invalid: 400,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  unavailable: 503,
};

/**
 * A rule of the domain refused the request. Thrown by services (declared per context in
 * `<context>.errors.ts`); only controllers speak HTTP (ApiException), which a lint rule enforces.
 * `code` is stable (clients branch on it); `message` is for people and, like `details`, never holds
 * personal data.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    readonly details?: ValidationIssue[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request failed validation: every failing field, by path and rule (never the value). */
export class ValidationFailed extends DomainError {
  constructor(details: ValidationIssue[], message = 'the request is invalid') {
    super('VALIDATION_FAILED', 'invalid', message, details);
  }
}
