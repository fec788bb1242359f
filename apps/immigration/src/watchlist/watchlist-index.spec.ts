import { describe, expect, it } from '@jest/globals';
import { ExactWatchlistIndex, type IndexedEntry } from './watchlist-index.js';

const now = new Date('2025-09-01T00:00:00Z');

function entry(over: Partial<IndexedEntry> = {}): IndexedEntry {
  return {
    entryId: '0197d8a0-3c00-7000-8000-000000000001',
    version: 1,
    rank: 2,
    legalType: 'dpo',
    action: 'deny_departure',
    person: { fullName: 'Budi Santoso', nik: '1472010101800001', dateOfBirth: '1980-01-01' },
    validFrom: new Date('2025-08-01T00:00:00Z'),
    validUntil: new Date('2025-10-01T00:00:00Z'),
    revokedAt: null,
    origin: null,
    ...over,
  };
}

describe('ExactWatchlistIndex', () => {
  it('finds an active entry by NIK and keeps the highest-ranked state', () => {
    const index = new ExactWatchlistIndex();
    index.apply(entry());
    expect(index.match({ fullName: 'Someone', nik: '1472010101800001' }, now)).toHaveLength(1);
    index.apply(entry({ rank: 3, revokedAt: now }));
    expect(index.match({ fullName: 'Someone', nik: '1472010101800001' }, now)).toHaveLength(0);
    index.apply(entry()); // an older state redelivered
    expect(index.match({ fullName: 'Someone', nik: '1472010101800001' }, now)).toHaveLength(0);
    expect(index.activeCount(now)).toBe(0);
  });

  it('re-indexes a re-issue under its new identifiers and ignores expired entries', () => {
    const index = new ExactWatchlistIndex();
    index.apply(entry());
    index.apply(
      entry({ version: 2, rank: 4, person: { fullName: 'Budi Santoso', nik: '1472010101800002' } }),
    );
    expect(index.match({ fullName: 'X', nik: '1472010101800001' }, now)).toHaveLength(0);
    expect(index.match({ fullName: 'X', nik: '1472010101800002' }, now)).toHaveLength(1);
    expect(
      index.match({ fullName: 'X', nik: '1472010101800002' }, new Date('2025-10-02T00:00:00Z')),
    ).toHaveLength(0);
  });
});
