import { describe, expect, it } from '@jest/globals';
import { idempotencyKeyProblem, replayOf, requestHash } from './idempotency.rules.js';

describe('idempotencyKeyProblem', () => {
  it('accepts an absent key or 1-200 visible ASCII characters', () => {
    expect(idempotencyKeyProblem(undefined)).toBeUndefined();
    expect(idempotencyKeyProblem('LP-123/2025_a.b~c')).toBeUndefined();
    expect(idempotencyKeyProblem('x'.repeat(200))).toBeUndefined();
  });

  it('refuses an empty, too long or non-ASCII key', () => {
    for (const key of ['', 'x'.repeat(201), 'has space', 'kunci-é']) {
      expect(idempotencyKeyProblem(key)).toMatchObject({ path: 'headers.idempotency-key', rule: 'pattern' });
    }
  });
});

describe('requestHash', () => {
  it('differs by operation and by body', () => {
    const a = requestHash('arrests', '{"a":1}');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(requestHash('arrests', '{"a":1}')).toBe(a);
    expect(requestHash('interceptions', '{"a":1}')).not.toBe(a);
    expect(requestHash('arrests', '{"a":2}')).not.toBe(a);
  });
});

describe('replayOf', () => {
  const stored = { requestHash: 'h1', statusCode: 201, response: { id: 'x', eventId: 'y' } };

  it('replays the first result for the same request', () => {
    expect(replayOf(stored, 'h1')).toEqual({
      kind: 'replay',
      statusCode: 201,
      response: { id: 'x', eventId: 'y' },
    });
  });

  it('is a conflict for another request under the same key', () => {
    expect(replayOf(stored, 'h2')).toEqual({ kind: 'conflict' });
  });
});
