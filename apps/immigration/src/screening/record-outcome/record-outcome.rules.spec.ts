import { describe, expect, it } from '@jest/globals';
import { delayReason, delayValidUntil } from './record-outcome.rules.js';

describe('record outcome rules', () => {
  it('defaults the reason from whether the screening matched', () => {
    expect(delayReason(undefined, true)).toBe('watchlist_match');
    expect(delayReason(undefined, false)).toBe('non_procedural_worker');
    expect(delayReason('document_irregularity', true)).toBe('document_irregularity');
  });

  it('holds a delay 30 days by default, at most 30', () => {
    const at = new Date('2025-09-01T00:00:00Z');
    expect(delayValidUntil(at, undefined).toISOString()).toBe('2025-10-01T00:00:00.000Z');
    expect(delayValidUntil(at, 2).toISOString()).toBe('2025-09-03T00:00:00.000Z');
    expect(delayValidUntil(at, 45).toISOString()).toBe('2025-10-01T00:00:00.000Z');
  });
});
