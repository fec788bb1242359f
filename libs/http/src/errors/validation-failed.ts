import type { ValidationIssue } from './api-error.js';
import { ValidationFailed } from './domain-error.js';

/** 400 VALIDATION_FAILED naming every failing field (path and rule, never the submitted value). */
export function validationFailed(details: ValidationIssue[]): ValidationFailed {
  return new ValidationFailed(details);
}
