import { describe, expect, it } from '@jest/globals';
import { groupFieldWork, placeOfRegion, type FieldWorkFact } from './field-work-figures.rules.js';

const checkpoints = new Set(['batam-center', 'dumai']);
const at = (iso: string) => new Date(iso);

const facts: FieldWorkFact[] = [
  { eventId: 'a1', ...placeOfRegion('riau', checkpoints), occurredAt: at('2025-07-05T06:00:00Z'), count: 58 },
  {
    eventId: 'a2',
    ...placeOfRegion('batam-center', checkpoints),
    occurredAt: at('2025-08-01T00:00:00Z'),
    count: 2,
  },
  // The same event again (a second read of one report) counts once.
  { eventId: 'a1', ...placeOfRegion('riau', checkpoints), occurredAt: at('2025-07-05T06:00:00Z'), count: 58 },
];

describe('field-work figures', () => {
  it('places a region as a checkpoint when it is a known checkpoint code, else as a Polda', () => {
    expect(placeOfRegion('dumai', checkpoints)).toEqual({ polda: null, checkpoint: 'dumai' });
    expect(placeOfRegion('riau', checkpoints)).toEqual({ polda: 'riau', checkpoint: null });
    expect(placeOfRegion(null, checkpoints)).toEqual({ polda: null, checkpoint: null });
  });

  it('sums by Polda, leaving out facts without one, each event once, with the events behind each figure', () => {
    expect(groupFieldWork(facts, 'polda')).toEqual({
      total: 58,
      groups: [{ key: 'riau', count: 58, eventIds: ['a1'] }],
    });
  });

  it('sums by checkpoint and by month', () => {
    expect(groupFieldWork(facts, 'checkpoint')).toEqual({
      total: 2,
      groups: [{ key: 'batam-center', count: 2, eventIds: ['a2'] }],
    });
    expect(groupFieldWork(facts, 'month')).toEqual({
      total: 60,
      groups: [
        { key: '2025-07', count: 58, eventIds: ['a1'] },
        { key: '2025-08', count: 2, eventIds: ['a2'] },
      ],
    });
  });

  it('is empty without facts', () => {
    expect(groupFieldWork([], 'month')).toEqual({ total: 0, groups: [] });
  });
});
