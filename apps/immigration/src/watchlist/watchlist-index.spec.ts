import { describe, expect, it } from '@jest/globals';
import { POLICY } from '@simpul/screening';
import { EngineWatchlistMatcher, type IndexedEntry } from './watchlist-index.js';

const now = new Date('2025-09-01T00:00:00Z');
const id = (n: number) => `0197d8a0-3c00-7000-8000-00000000000${n}`;

function entry(over: Partial<IndexedEntry> = {}): IndexedEntry {
  return {
    entryId: id(1),
    version: 1,
    rank: 2,
    legalType: 'dpo',
    action: 'deny_departure',
    person: { fullName: 'Budi Santoso', nik: '1472010101800001', dateOfBirth: '1980-01-01' },
    validFrom: new Date('2025-08-01T00:00:00Z'),
    validUntil: new Date('2025-10-01T00:00:00Z'),
    revokedAt: null,
    origin: { unit: 'bareskrim', eventId: '0197d8a0-3c00-7000-8000-0000000000ff' },
    ...over,
  };
}

const djoko = (over: Partial<IndexedEntry> = {}) =>
  entry({
    entryId: id(5),
    person: { fullName: 'Djoko Soesanto', dateOfBirth: '1968-04-17', sex: 'M' },
    ...over,
  });
const joko = { fullName: 'Joko Susanto', dateOfBirth: '1968-04-17' };

/** What a matcher answers for a few travellers, to compare two matchers. */
function answers(matcher: EngineWatchlistMatcher, at: Date): unknown[] {
  return [
    { fullName: 'Someone', nik: '1472010101800001' },
    { fullName: 'Someone', nik: '1472010101800002' },
    { fullName: 'Budi Santoso', dateOfBirth: '1980-01-01' },
    joko,
  ].map((traveler) => {
    const { decision, matches } = matcher.match(traveler, at);
    return { decision, matches: matches.map((m) => ({ ...m, entry: m.entry.entryId })) };
  });
}

describe('EngineWatchlistMatcher', () => {
  it('finds an active entry by NIK and keeps the highest-ranked state', () => {
    const index = new EngineWatchlistMatcher();
    index.apply(entry());
    const found = index.match({ fullName: 'Someone', nik: '1472010101800001' }, now);
    expect(found.decision).toBe('deny');
    expect(found.matches).toHaveLength(1);
    expect(found.matches[0]).toMatchObject({ entry: { entryId: id(1), origin: { unit: 'bareskrim' } } });
    expect(found.matches[0]!.reasons).toContain('nik_exact');
    expect(found.matches[0]!.effect).toBe('deny');
    index.apply(entry({ rank: 3, revokedAt: now }));
    expect(index.match({ fullName: 'Someone', nik: '1472010101800001' }, now).matches).toHaveLength(0);
    index.apply(entry()); // an older state redelivered: cannot resurrect the revoked entry
    expect(index.match({ fullName: 'Someone', nik: '1472010101800001' }, now)).toEqual({
      decision: 'clear',
      matches: [],
    });
    expect(index.activeCount(now)).toBe(0);
  });

  it('re-indexes a re-issue under its new identifiers and ignores expired entries', () => {
    const index = new EngineWatchlistMatcher();
    index.apply(entry());
    index.apply(
      entry({ version: 2, rank: 4, person: { fullName: 'Budi Santoso', nik: '1472010101800002' } }),
    );
    expect(index.match({ fullName: 'X', nik: '1472010101800001' }, now).matches).toHaveLength(0);
    expect(index.match({ fullName: 'X', nik: '1472010101800002' }, now).matches).toHaveLength(1);
    expect(
      index.match({ fullName: 'X', nik: '1472010101800002' }, new Date('2025-10-01T00:00:00Z')).matches,
    ).toHaveLength(0);
  });

  it('matches an old-spelling variant: "Djoko Soesanto" (dpo) screens "Joko Susanto" with the same birth date', () => {
    const index = new EngineWatchlistMatcher();
    index.apply(djoko());
    const { decision, matches } = index.match(joko, now);
    expect(matches).toHaveLength(1);
    const [match] = matches;
    expect(match!.entry.entryId).toBe(id(5));
    expect(match!.reasons).toEqual(expect.arrayContaining(['name_spelling_variant', 'dob_exact']));
    // The engine's policy: a dpo deny_departure entry denies on name + birth only at score >= POLICY.dpo.deny
    // with the exact date of birth; a listed match below that refers.
    expect(match!.score).toBeGreaterThanOrEqual(POLICY.dpo.list);
    const expected = match!.score >= POLICY.dpo.deny ? 'deny' : 'refer';
    expect(match!.effect).toBe(expected);
    expect(decision).toBe(expected);
    expect(decision).toBe('deny'); // as the engine decides it today (score 0.97 or more)
    // Another birth date with the same name is not that person's ban.
    expect(index.match({ ...joko, dateOfBirth: '1990-11-02' }, now).decision).not.toBe('deny');
  });

  it('never matches a revoked or an expired entry (nor one not yet valid)', () => {
    const index = new EngineWatchlistMatcher();
    index.apply(djoko());
    index.apply(djoko({ rank: 3, revokedAt: now }));
    expect(index.match(joko, now)).toEqual({ decision: 'clear', matches: [] });
    index.apply(
      djoko({
        entryId: id(6),
        validFrom: new Date('2025-06-01T00:00:00Z'),
        validUntil: new Date('2025-08-01T00:00:00Z'),
      }),
    );
    expect(index.match(joko, now)).toEqual({ decision: 'clear', matches: [] });
    expect(index.match(joko, new Date('2025-07-01T00:00:00Z')).matches).toHaveLength(1);
    expect(index.match(joko, new Date('2025-05-31T23:59:59Z')).matches).toHaveLength(0);
    expect(index.activeCount(now)).toBe(0);
  });

  it('monitor matches are listed but never change a clear; advisory never denies', () => {
    const index = new EngineWatchlistMatcher();
    index.apply(djoko({ action: 'monitor' }));
    const monitored = index.match(joko, now);
    expect(monitored.decision).toBe('clear');
    expect(monitored.matches.map((m) => m.effect)).toEqual(['monitor']);
    index.apply(entry({ legalType: 'advisory' }));
    expect(index.match({ fullName: 'X', nik: '1472010101800001' }, now).decision).toBe('refer');
  });

  it('answers after a rebuild from the rows exactly as after the incremental updates', () => {
    const states = [
      entry(),
      djoko(),
      entry({ entryId: id(2), person: { fullName: 'Siti Aminah', nik: '1472015203850002' } }),
      entry({ entryId: id(2), rank: 3, revokedAt: now }), // revoked
      entry({ version: 2, rank: 4, person: { fullName: 'Budi Santoso', nik: '1472010101800002' } }),
      entry({ entryId: id(3), rank: 3, person: null, revokedAt: now }), // revoke without issue
      entry({ entryId: id(3) }), // a late issue: ignored
      djoko({ version: 2, rank: 4, legalType: 'protective', action: 'refer' }),
    ];
    const incremental = new EngineWatchlistMatcher();
    for (const state of states) incremental.apply(state);
    // The replica table holds one row per entry, its highest-ranked state.
    const rows = new Map<string, IndexedEntry>();
    for (const state of states) {
      const held = rows.get(state.entryId);
      if (!held || held.rank < state.rank) rows.set(state.entryId, state);
    }
    const rebuilt = new EngineWatchlistMatcher();
    rebuilt.apply(entry({ entryId: id(4) })); // content before the rebuild is dropped
    rebuilt.rebuild(rows.values());
    for (const at of [now, new Date('2025-10-01T00:00:00Z')]) {
      expect(answers(rebuilt, at)).toEqual(answers(incremental, at));
      expect(rebuilt.activeCount(at)).toBe(incremental.activeCount(at));
    }
    expect(incremental.activeCount(now)).toBe(2);
    expect(answers(incremental, now)[1]).toMatchObject({ decision: 'deny' });
    expect(answers(incremental, now)[3]).toMatchObject({ decision: 'refer' });
  });

  it('counts active entries as time crosses validFrom/validUntil and as entries change', () => {
    const index = new EngineWatchlistMatcher();
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

  it('holds what the table holds with put (whatever the rank), and prunes by validUntil, else revokedAt', () => {
    const index = new EngineWatchlistMatcher();
    index.apply(entry({ version: 2, rank: 5, revokedAt: now }));
    // The table pruned the revoked row and took an older issue again: put follows the table.
    index.put(entry());
    expect(index.match({ fullName: 'X', nik: '1472010101800001' }, now).decision).toBe('deny');
    index.apply(
      entry({ entryId: id(2), person: null, rank: 3, revokedAt: new Date('2025-08-15T00:00:00Z') }),
    );
    index.apply(entry({ entryId: id(3), validUntil: new Date('2025-12-01T00:00:00Z') }));
    // Cutoff 2025-11-01: id(1) (until 10-01) and id(2) (revoked 08-15, no validUntil) go; id(3) stays.
    expect(index.pruneExpired(new Date('2025-11-01T00:00:00Z'))).toBe(2);
    expect(index.pruneExpired(new Date('2025-11-01T00:00:00Z'))).toBe(0);
    expect(
      index.match({ fullName: 'X', nik: '1472010101800001' }, now).matches.map((m) => m.entry.entryId),
    ).toEqual([id(3)]);
    // A pruned entry applied again (a re-issue) is held anew.
    index.apply(entry({ version: 2, rank: 4, validUntil: new Date('2026-01-01T00:00:00Z') }));
    expect(index.activeCount(now)).toBe(2);
  });
});
