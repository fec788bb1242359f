import { HttpException } from '@nestjs/common';
import type { ApiErrorBody, ValidationIssue } from './api-error.js';

/** Throw this from a controller or service to answer with a stable error code. */
export class ApiException extends HttpException {
  constructor(statusCode: number, code: string, message: string, details?: ValidationIssue[]) {
    const body: ApiErrorBody = { statusCode, code, message, ...(details ? { details } : {}) };
    super(body, statusCode);
  }
}
