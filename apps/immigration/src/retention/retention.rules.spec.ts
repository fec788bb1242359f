import { describe, expect, it } from '@jest/globals';
import { retentionCutoffs } from './retention.rules.js';

describe('retention rules', () => {
  it('puts each cutoff its number of days before now', () => {
    const now = new Date('2025-09-01T12:00:00Z');
    expect(retentionCutoffs(now, { screenings: 90, delays: 30, replica: 1 })).toEqual({
      screenings: new Date('2025-06-03T12:00:00Z'),
      delays: new Date('2025-08-02T12:00:00Z'),
      replica: new Date('2025-08-31T12:00:00Z'),
    });
  });
});
