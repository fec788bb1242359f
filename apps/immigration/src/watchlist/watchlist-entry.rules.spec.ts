import { describe, expect, it } from '@jest/globals';
import { decisionForEntry, entryRank, isEntryActive, screeningDecision } from './watchlist-entry.rules.js';

describe('watchlist entry rules', () => {
  it('ranks a revoke of v above an issue of v or less, and below a re-issue of v + 1', () => {
    expect(entryRank(2, true)).toBeGreaterThan(entryRank(2, false));
    expect(entryRank(2, true)).toBeGreaterThan(entryRank(1, false));
    expect(entryRank(3, false)).toBeGreaterThan(entryRank(2, true));
  });

  it('denies only for cegah or dpo with deny_departure; advisory and protective never deny', () => {
    expect(decisionForEntry('dpo', 'deny_departure')).toBe('deny');
    expect(decisionForEntry('cegah', 'deny_departure')).toBe('deny');
    expect(decisionForEntry('advisory', 'deny_departure')).toBe('refer');
    expect(decisionForEntry('protective', 'deny_departure')).toBe('refer');
    expect(decisionForEntry('protective', 'refer')).toBe('refer');
    expect(decisionForEntry('advisory', 'monitor')).toBe('refer');
  });

  it('decides the strictest, and at least refer with a live delay elsewhere', () => {
    expect(screeningDecision(['refer', 'deny'], false)).toBe('deny');
    expect(screeningDecision(['refer'], false)).toBe('refer');
    expect(screeningDecision([], true)).toBe('refer');
    expect(screeningDecision([], false)).toBe('clear');
  });

  it('treats revoked, expired, not yet valid and person-less entries as inactive', () => {
    const base = {
      revokedAt: null,
      validFrom: new Date('2025-01-01T00:00:00Z'),
      validUntil: new Date('2025-02-01T00:00:00Z'),
      hasPerson: true,
    };
    const now = new Date('2025-01-15T00:00:00Z');
    expect(isEntryActive(base, now)).toBe(true);
    expect(isEntryActive({ ...base, revokedAt: now }, now)).toBe(false);
    expect(isEntryActive({ ...base, hasPerson: false }, now)).toBe(false);
    expect(isEntryActive(base, new Date('2025-02-01T00:00:00Z'))).toBe(false);
    expect(isEntryActive(base, new Date('2024-12-31T23:59:59Z'))).toBe(false);
  });
});
