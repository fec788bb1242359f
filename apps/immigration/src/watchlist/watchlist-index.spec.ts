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

  it('counts active entries as time crosses validFrom/validUntil and as entries change', () => {
    const index = new ExactWatchlistIndex();
    const id = (n: number) => `0197d8a0-3c00-7000-8000-00000000000${n}`;
    index.apply(entry({ entryId: id(1) })); // 08-01 .. 10-01
    index.apply(entry({ entryId: id(2), validFrom: new Date('2025-09-15T00:00:00Z') })); // 09-15 .. 10-01
    index.apply(entry({ entryId: id(3), person: null, rank: 3, revokedAt: now })); // revoke without issue
    expect(index.activeCount(now)).toBe(1);
    expect(index.activeCount(now)).toBe(1); // cached
    expect(index.activeCount(new Date('2025-09-14T23:59:59.999Z'))).toBe(1);
    expect(index.activeCount(new Date('2025-09-15T00:00:00Z'))).toBe(2);
    expect(index.activeCount(new Date('2025-10-01T00:00:00Z'))).toBe(0);
    expect(index.activeCount(now)).toBe(1); // back in time
    index.apply(entry({ entryId: id(1), rank: 3, revokedAt: now }));
    expect(index.activeCount(now)).toBe(0);
    index.apply(entry({ entryId: id(4) }));
    expect(index.activeCount(now)).toBe(1);
    index.clear();
    expect(index.activeCount(now)).toBe(0);
  });
});
