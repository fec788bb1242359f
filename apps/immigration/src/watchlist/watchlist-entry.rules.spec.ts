import { describe, expect, it } from '@jest/globals';
import { entryRank, screeningDecision } from './watchlist-entry.rules.js';

describe('watchlist entry rules', () => {
  it('ranks a revoke of v above an issue of v or less, and below a re-issue of v + 1', () => {
    expect(entryRank(2, true)).toBeGreaterThan(entryRank(2, false));
    expect(entryRank(2, true)).toBeGreaterThan(entryRank(1, false));
    expect(entryRank(3, false)).toBeGreaterThan(entryRank(2, true));
  });

  it('keeps the watchlist decision, and at least refer with a live delay elsewhere', () => {
    expect(screeningDecision('deny', true)).toBe('deny');
    expect(screeningDecision('deny', false)).toBe('deny');
    expect(screeningDecision('refer', false)).toBe('refer');
    expect(screeningDecision('clear', true)).toBe('refer');
    expect(screeningDecision('clear', false)).toBe('clear');
  });
});
