import { describe, expect, it } from '@jest/globals';
import type { ArgumentsHost } from '@nestjs/common';
import { ApiException } from './api-exception.js';
import { ApiExceptionFilter } from './api-exception.filter.js';
import { DomainError, ValidationFailed } from './domain-error.js';

/** What the filter answered: a response that records its status and JSON body. */
function answer(error: unknown): { status: number; body: unknown } {
  const sent = { status: 0, body: undefined as unknown };
  const res = {
    status(code: number) {
      sent.status = code;
      return res;
    },
    json(body: unknown) {
      sent.body = body;
      return res;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(error, host);
  return sent;
}

describe('ApiExceptionFilter', () => {
  it('maps a domain error to the status of its kind, keeping its stable code', () => {
    expect(answer(new DomainError('MINISTRY.CASE_NOT_FOUND', 'notFound', 'case not found'))).toEqual({
      status: 404,
      body: { statusCode: 404, code: 'MINISTRY.CASE_NOT_FOUND', message: 'case not found' },
    });
    expect(answer(new DomainError('X.TAKEN', 'conflict', 'taken')).status).toBe(409);
    expect(answer(new DomainError('X.NOT_YOURS', 'forbidden', 'no')).status).toBe(403);
  });

  it('answers ValidationFailed as 400 VALIDATION_FAILED with every problem', () => {
    const details = [{ path: 'reason', rule: 'required', message: 'reason: is required [required]' }];
    expect(answer(new ValidationFailed(details))).toEqual({
      status: 400,
      body: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'the request is invalid', details },
    });
  });

  it('still answers a controller ApiException as it is, and anything else as 500 without detail', () => {
    expect(answer(new ApiException(404, 'POLICE.ARREST_NOT_FOUND', 'arrest not found')).body).toMatchObject({
      code: 'POLICE.ARREST_NOT_FOUND',
    });
    expect(answer(new Error('row (3374010203750001) failed'))).toEqual({
      status: 500,
      body: { statusCode: 500, code: 'INTERNAL', message: 'internal error' },
    });
  });
});
