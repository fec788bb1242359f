import { describe, expect, it } from '@jest/globals';
import { idempotencyKeyProblem, replayOf, requestHash } from './idempotency.rules.js';

describe('idempotencyKeyProblem', () => {
  it('accepts an absent key or 1-200 visible ASCII characters', () => {
    expect(idempotencyKeyProblem(undefined)).toBeUndefined();
    expect(idempotencyKeyProblem('desk-2025/07/10_a.b~c')).toBeUndefined();
    expect(idempotencyKeyProblem('x'.repeat(200))).toBeUndefined();
  });

  it('refuses an empty, too long or non-ASCII key', () => {
    for (const key of ['', 'x'.repeat(201), 'has space', 'kunci-é']) {
      expect(idempotencyKeyProblem(key)).toMatchObject({ path: 'headers.idempotency-key', rule: 'pattern' });
    }
  });
});

describe('requestHash', () => {
  it('differs by operation (route and path id) and by body', () => {
    const a = requestHash('POST /v1/watchlist/1/revoke', '{"reason":"x"}');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(requestHash('POST /v1/watchlist/1/revoke', '{"reason":"x"}')).toBe(a);
    expect(requestHash('POST /v1/watchlist/2/revoke', '{"reason":"x"}')).not.toBe(a);
    expect(requestHash('POST /v1/watchlist/1/revoke', '{"reason":"y"}')).not.toBe(a);
  });
});

describe('replayOf', () => {
  const stored = { requestHash: 'h1', statusCode: 200, response: { id: 'x', eventId: 'y' } };

  it('replays the first result for the same request', () => {
    expect(replayOf(stored, 'h1')).toEqual({
      kind: 'replay',
      statusCode: 200,
      response: { id: 'x', eventId: 'y' },
    });
  });

  it('is a conflict for another request under the same key', () => {
    expect(replayOf(stored, 'h2')).toEqual({ kind: 'conflict' });
  });
});
