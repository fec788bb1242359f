import { describe, expect, it } from '@jest/globals';
import { BusErrorCode } from '../errors.js';
import { DEFAULT_DATABASE_SESSION_LIMITS, pgPoolExtra } from './database-session.js';

describe('pgPoolExtra', () => {
  it('sets statement, lock and idle-transaction timeouts and TCP keepalive, with documented defaults', () => {
    expect(pgPoolExtra()).toEqual({
      statement_timeout: 60_000,
      lock_timeout: 10_000,
      idle_in_transaction_session_timeout: 60_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: 10_000,
    });
    expect(DEFAULT_DATABASE_SESSION_LIMITS.statementTimeoutMs).toBe(60_000);
    expect(pgPoolExtra({ statementTimeoutMs: 0, lockTimeoutMs: 500 })).toMatchObject({
      statement_timeout: 0,
      lock_timeout: 500,
    });
  });

  it('refuses a negative or fractional limit, naming it', () => {
    expect(() => pgPoolExtra({ lockTimeoutMs: -1 })).toThrow(
      expect.objectContaining({
        code: BusErrorCode.CONFIG_INVALID,
        message: 'database lockTimeoutMs must be a whole number of milliseconds >= 0',
      }),
    );
    expect(() => pgPoolExtra({ statementTimeoutMs: 1.5 })).toThrow(/statementTimeoutMs/);
  });
});
