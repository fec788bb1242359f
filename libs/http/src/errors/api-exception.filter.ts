import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { ApiErrorBody } from './api-error.js';
import { DomainError, DOMAIN_ERROR_STATUS } from './domain-error.js';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'UNAVAILABLE',
};

/**
 * Turns every error into `{ statusCode, code, message, details? }`. Unexpected errors answer 500 with
 * no detail and are logged by class name only: their messages may carry personal data (a database
 * error quotes the offending row).
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = toBody(error);
    if (body.statusCode >= 500) {
      const name = error instanceof Error ? error.name : typeof error;
      this.logger.error(`unhandled ${name} (${body.code})`);
    }
    res.status(body.statusCode).json(body);
  }
}

function toBody(error: unknown): ApiErrorBody {
  if (error instanceof DomainError) {
    const statusCode = DOMAIN_ERROR_STATUS[error.kind];
    return {
      statusCode,
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    };
  }
  if (!(error instanceof HttpException)) {
    return { statusCode: 500, code: 'INTERNAL', message: 'internal error' };
  }
  const statusCode = error.getStatus();
  // The JSON body parser's message quotes the text around the error, which may be personal data.
  if (statusCode === 400 && error.cause instanceof SyntaxError) {
    return { statusCode, code: 'BAD_REQUEST', message: 'the request body is not valid JSON' };
  }
  const response = error.getResponse();
  if (typeof response === 'object' && response !== null && 'code' in response) {
    return response as ApiErrorBody;
  }
  // Nest's own exceptions (404 for an unknown route, 413 from the body parser…) carry no code.
  const message =
    typeof response === 'string'
      ? response
      : String((response as { message?: unknown }).message ?? error.message);
  return { statusCode, code: CODE_BY_STATUS[statusCode] ?? `HTTP_${statusCode}`, message };
}
