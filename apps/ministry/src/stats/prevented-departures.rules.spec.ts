import { describe, expect, it } from '@jest/globals';
import { groupPrevention, type PreventionFact } from './prevented-departures.rules.js';

const facts: PreventionFact[] = [
  {
    eventId: 'f1',
    kind: 'foiled',
    polda: 'riau',
    checkpoint: 'dumai',
    occurredAt: new Date('2025-07-05T00:00:00Z'),
    prevented: 58,
  },
  {
    eventId: 'f2',
    kind: 'foiled',
    polda: 'kepri',
    checkpoint: 'Pantai Timur',
    occurredAt: new Date('2025-08-01T00:00:00Z'),
    prevented: 7,
  },
  {
    eventId: 'd1',
    kind: 'delayed',
    polda: null,
    checkpoint: 'batam-center',
    occurredAt: new Date('2025-07-12T00:00:00Z'),
    prevented: 1,
  },
  {
    eventId: 'd1',
    kind: 'delayed',
    polda: null,
    checkpoint: 'batam-center',
    occurredAt: new Date('2025-07-12T00:00:00Z'),
    prevented: 1,
  },
];
const checkpoints = new Set(['dumai', 'batam-center']);

describe('prevented departures', () => {
  it('by polda: foiled departures for their polda; delays carry none', () => {
    expect(groupPrevention(facts, 'polda', checkpoints)).toEqual([
      { key: 'kepri', prevented: 7, eventIds: ['f2'] },
      { key: 'riau', prevented: 58, eventIds: ['f1'] },
    ]);
  });

  it('by checkpoint: delays, and foiled departures whose exit point is a known checkpoint; each event once', () => {
    expect(groupPrevention(facts, 'checkpoint', checkpoints)).toEqual([
      { key: 'batam-center', prevented: 1, eventIds: ['d1'] },
      { key: 'dumai', prevented: 58, eventIds: ['f1'] },
    ]);
  });

  it('by month (UTC)', () => {
    expect(groupPrevention(facts, 'month', checkpoints)).toEqual([
      { key: '2025-07', prevented: 59, eventIds: ['f1', 'd1'] },
      { key: '2025-08', prevented: 7, eventIds: ['f2'] },
    ]);
  });
});
