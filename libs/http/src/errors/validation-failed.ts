import type { FieldProblem } from './api-error.js';
import { ApiException } from './api-exception.js';

/** 400 VALIDATION_FAILED naming every failing field (path and rule, never the submitted value). */
export function validationFailed(details: FieldProblem[]): ApiException {
  return new ApiException(400, 'VALIDATION_FAILED', 'the request is invalid', details);
}
