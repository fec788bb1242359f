import { describe, expect, it } from '@jest/globals';
import { Rng } from '../eval/rng.js';
import { PeopleGenerator, type SyntheticPerson } from '../eval/synthetic-people.js';
import { applyVariant } from '../eval/variants.js';
import type { PersonInput, TravelerInput, WatchlistEntryInput } from '../types.js';
import { ScreeningInputError } from './prepare.js';
import { WatchlistIndex } from './watchlist-index.js';

const NOW = new Date('2025-09-01T00:00:00Z');
let serial = 0;

function entry(person: PersonInput, over: Partial<WatchlistEntryInput> = {}): WatchlistEntryInput {
  serial++;
  return {
    entryId: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    version: 1,
    legalType: 'dpo',
    action: 'deny_departure',
    person,
    validFrom: '2025-08-01T00:00:00Z',
    validUntil: '2026-01-01T00:00:00Z',
    ...over,
  };
}

function fromPerson(p: SyntheticPerson, i: number): WatchlistEntryInput {
  return entry(
    {
      fullName: p.fullName,
      ...(i % 5 !== 0 ? { dateOfBirth: p.dateOfBirth } : {}),
      ...(i % 3 === 0 ? { nik: p.nik } : {}),
      ...(i % 4 === 0 ? { passportNumber: p.passportNumber } : {}),
      sex: p.sex,
    },
    {
      legalType: (['dpo', 'cegah', 'protective', 'advisory'] as const)[i % 4],
      action: i % 4 === 2 ? 'refer' : 'deny_departure',
    },
  );
}

/** An index with `n` synthetic entries as background, so that matches have to be found among others. */
function background(
  n: number,
  seed = 7,
): { index: WatchlistIndex; entries: WatchlistEntryInput[]; people: SyntheticPerson[] } {
  const people = new PeopleGenerator(seed);
  const index = new WatchlistIndex();
  const entries: WatchlistEntryInput[] = [];
  const persons: SyntheticPerson[] = [];
  for (let i = 0; i < n; i++) {
    const p = people.next();
    const e = fromPerson(p, i);
    index.upsert(e);
    entries.push(e);
    persons.push(p);
  }
  return { index, entries, people: persons };
}

const ids = (index: WatchlistIndex, t: TravelerInput, now = NOW) =>
  index.screen(t, { now }).matches.map((m) => m.entryId);

describe('WatchlistIndex: candidates without first-letter blocking', () => {
  const { index } = background(3000);
  const listed = [
    ['Djoko Soesilo', 'Joko Susilo'],
    ['Jusuf Hamka', 'Yusuf Hamka'],
    ['Tjahjo Kumolo', 'Cahyo Kumolo'],
    ['Chairul Anam', 'Khoirul Anam'],
    ['Hendra Gunawan Sastrowardoyo', 'Endra Gunawan Sastrowardoyo'],
    ['Mochammad Soebagio', 'Muhammad Subagio'],
  ] as const;
  const entries = listed.map(([written]) =>
    entry({ fullName: written, dateOfBirth: '1971-06-15', sex: 'M' }),
  );
  for (const e of entries) index.upsert(e);

  it.each(listed.map(([written, traveller], i) => [written, traveller, i]))(
    'finds %s for a traveller written %s',
    (_written, traveller, i) => {
      expect(ids(index, { fullName: traveller as string, dateOfBirth: '1971-06-15', sex: 'M' })).toContain(
        entries[i as number].entryId,
      );
    },
  );

  it('reads a small part of the index per screening, not all of it', () => {
    const before = index.workDone().recordsRead;
    index.screen({ fullName: 'Joko Susilo', dateOfBirth: '1971-06-15', sex: 'M' }, { now: NOW });
    expect(index.workDone().recordsRead - before).toBeLessThan(index.size / 10);
  });

  it('finds the entry of a rare name with a typo and no birth date on the entry', () => {
    const e = entry({ fullName: 'Wiryawan Tjokrosuharjo' });
    index.upsert(e);
    expect(ids(index, { fullName: 'Wiryawan Cokrosuharyp' })).toContain(e.entryId);
  });
});

describe('WatchlistIndex: identifiers', () => {
  it('is decisive on an exact NIK, whatever the name', () => {
    const index = new WatchlistIndex();
    const e = entry({ fullName: 'Bambang Sutrisno', nik: '3374010203750001' });
    index.upsert(e);
    const result = index.screen({ fullName: 'Ahmad Fauzi', nik: '3374010203750001' }, { now: NOW });
    expect(result.decision).toBe('deny');
    expect(result.matches[0]).toMatchObject({ entryId: e.entryId, effect: 'deny' });
    expect(result.matches[0].reasons[0]).toBe('nik_exact');
  });

  it('matches a passport after O/0 and I/1 folding', () => {
    const index = new WatchlistIndex();
    const e = entry({ fullName: 'Rudi Hartono', passportNumber: 'B0I23456' });
    index.upsert(e);
    expect(
      index.screen({ fullName: 'Rudy Hartono', passportNumber: 'BO123456' }, { now: NOW }).matches[0].reasons,
    ).toContain('passport_exact');
  });

  it('keeps screening a traveller whose NIK disagrees with the stated birth date, and says so', () => {
    const index = new WatchlistIndex();
    const e = entry({ fullName: 'Sutrisno Wibowo', dateOfBirth: '1975-03-02', sex: 'M' });
    index.upsert(e);
    const result = index.screen(
      { fullName: 'Sutrisno Wibowo', dateOfBirth: '1975-03-02', sex: 'M', nik: '3374014204800001' },
      { now: NOW },
    );
    expect(result.matches[0].entryId).toBe(e.entryId);
    expect(result.matches[0].reasons).toEqual(
      expect.arrayContaining(['traveler_nik_disagrees_with_dob', 'traveler_nik_disagrees_with_sex']),
    );
  });
});

describe('WatchlistIndex: decisions', () => {
  const person = { fullName: 'Hendrik Simanjuntak', dateOfBirth: '1980-11-23', sex: 'M' as const };

  it('denies on a deny_departure entry with name and exact birth date, refers without the birth date', () => {
    const index = new WatchlistIndex();
    index.upsert(entry(person));
    expect(index.screen(person, { now: NOW }).decision).toBe('deny');
    const nameOnly = new WatchlistIndex();
    nameOnly.upsert(entry({ fullName: person.fullName }));
    expect(nameOnly.screen(person, { now: NOW }).decision).toBe('refer');
  });

  it('lists monitor entries without changing a clear, and never denies on an advisory entry', () => {
    const monitor = new WatchlistIndex();
    const m = entry(person, { action: 'monitor' });
    monitor.upsert(m);
    expect(monitor.screen(person, { now: NOW })).toMatchObject({
      decision: 'clear',
      matches: [{ entryId: m.entryId, effect: 'monitor' }],
    });
    const advisory = new WatchlistIndex();
    advisory.upsert(entry(person, { legalType: 'advisory', action: 'deny_departure' }));
    expect(advisory.screen(person, { now: NOW }).decision).toBe('refer');
  });

  it('refers on a protective entry (a likely victim), with an interview, not a denial', () => {
    const index = new WatchlistIndex();
    index.upsert(entry(person, { legalType: 'protective', action: 'refer' }));
    expect(index.screen(person, { now: NOW }).decision).toBe('refer');
  });

  it('orders matches by score, then entry id, and honours the limit', () => {
    const index = new WatchlistIndex();
    const a = entry(person);
    const b = entry({ fullName: person.fullName, dateOfBirth: '1980-01-01' });
    index.upsert(b);
    index.upsert(a);
    const matches = index.screen(person, { now: NOW }).matches;
    expect(matches.map((m) => m.entryId)).toEqual([a.entryId, b.entryId]);
    expect(matches[0].score).toBeGreaterThanOrEqual(matches[1].score);
    expect(index.screen(person, { now: NOW, limit: 1 }).matches).toHaveLength(1);
  });
});

describe('WatchlistIndex: validity and revocation', () => {
  const person = { fullName: 'Agus Salim Nasution', dateOfBirth: '1979-02-11', sex: 'M' as const };

  it('never matches an entry before it is valid or from its validUntil on', () => {
    const index = new WatchlistIndex();
    const e = entry(person, { validFrom: '2025-08-01T00:00:00Z', validUntil: '2025-09-01T00:00:00Z' });
    index.upsert(e);
    expect(ids(index, person, new Date('2025-07-31T23:59:59.999Z'))).toEqual([]);
    expect(ids(index, person, new Date('2025-08-01T00:00:00Z'))).toEqual([e.entryId]);
    expect(ids(index, person, new Date('2025-08-31T23:59:59.999Z'))).toEqual([e.entryId]);
    expect(ids(index, person, new Date('2025-09-01T00:00:00Z'))).toEqual([]);
    expect(index.countActive(new Date('2025-08-15T00:00:00Z'))).toBe(1);
    expect(index.countActive(NOW)).toBe(0);
  });

  it('never matches a revoked entry from its revocation on, nor a removed one', () => {
    const index = new WatchlistIndex();
    const e = entry(person, { revokedAt: '2025-08-20T12:00:00Z' });
    index.upsert(e);
    expect(ids(index, person, new Date('2025-08-20T11:59:59Z'))).toEqual([e.entryId]);
    expect(ids(index, person, new Date('2025-08-20T12:00:00Z'))).toEqual([]);
    const other = entry(person);
    index.upsert(other);
    expect(index.remove(other.entryId)).toBe(true);
    expect(index.remove(other.entryId)).toBe(false);
    expect(ids(index, person)).toEqual([]);
  });

  it('ignores a lower version and lets a higher one replace the entry', () => {
    const index = new WatchlistIndex();
    const e = entry(person, { version: 2 });
    expect(index.upsert(e)).toBe('inserted');
    expect(index.upsert({ ...e, version: 1, person: { fullName: 'Someone Else' } })).toBe('stale');
    expect(ids(index, person)).toEqual([e.entryId]);
    expect(
      index.upsert({ ...e, version: 3, person: { fullName: 'Rahmat Hidayat', dateOfBirth: '1990-01-05' } }),
    ).toBe('replaced');
    expect(ids(index, person)).toEqual([]);
    expect(index.size).toBe(1);
  });

  it('prunes expired and revoked entries', () => {
    const index = new WatchlistIndex();
    index.upsert(entry(person, { validUntil: '2025-08-15T00:00:00Z' }));
    index.upsert(entry(person, { revokedAt: '2025-08-10T00:00:00Z' }));
    index.upsert(entry(person));
    expect(index.pruneExpired(NOW)).toBe(2);
    expect(index.size).toBe(1);
  });
});

describe('WatchlistIndex: input shape', () => {
  it('rejects an unusable traveller or entry with a code and a field, never a value', () => {
    const index = new WatchlistIndex();
    expect(() => index.screen({ fullName: 42 } as unknown as TravelerInput, { now: NOW })).toThrow(
      ScreeningInputError,
    );
    try {
      index.upsert(entry({ fullName: 'Rahasia Pribadi' }, { legalType: 'banned' as never }));
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(ScreeningInputError);
      expect((error as ScreeningInputError).code).toBe('SCREENING.INVALID_ENTRY');
      expect((error as Error).message).toBe('SCREENING.INVALID_ENTRY: legalType');
    }
  });

  it('refuses an invalid screening instant', () => {
    expect(() => new WatchlistIndex().screen({ fullName: 'Budi' }, { now: new Date('nope') })).toThrow(
      RangeError,
    );
  });
});

describe('WatchlistIndex: incremental updates answer exactly like a rebuild', () => {
  it('gives the same results after upserts, replacements, stale versions and removals as a rebuild of the final content', () => {
    const rng = new Rng(99);
    const people = new PeopleGenerator(31);
    const final: WatchlistEntryInput[] = [];
    const persons: SyntheticPerson[] = [];
    for (let i = 0; i < 2500; i++) {
      const p = people.next();
      persons.push(p);
      final.push(fromPerson(p, i));
    }
    const extras = Array.from({ length: 400 }, (_, i) => fromPerson(people.next(), i));

    const incremental = new WatchlistIndex();
    // first versions of 300 entries, with other names, later replaced
    const replaced = new Set<number>();
    while (replaced.size < 300) replaced.add(rng.int(final.length));
    for (const i of replaced)
      incremental.upsert({
        ...final[i],
        version: final[i].version,
        person: { fullName: people.next().fullName },
      });
    const order = [...final.keys(), ...extras.map((_, i) => final.length + i)];
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      if (k < final.length) {
        const e = final[k];
        incremental.upsert(replaced.has(k) ? { ...e, version: e.version + 1 } : e);
      } else {
        incremental.upsert(extras[k - final.length]);
      }
    }
    for (const i of replaced) {
      final[i] = { ...final[i], version: final[i].version + 1 };
      expect(incremental.upsert({ ...final[i], version: 1, person: { fullName: 'Stale Name' } })).toBe(
        'stale',
      );
    }
    for (const e of extras) incremental.remove(e.entryId);

    const rebuilt = new WatchlistIndex();
    rebuilt.rebuild(final);
    expect(incremental.size).toBe(rebuilt.size);

    const travellers: TravelerInput[] = [];
    for (let i = 0; i < 400; i++) {
      const p = i % 4 === 3 ? people.next() : persons[rng.int(persons.length)];
      const variant = applyVariant(
        rng.pick(['typo', 'old_spelling', 'swapped', 'transliteration', 'dropped_token'] as const),
        p.fullName,
        p.sex,
        rng,
      );
      // a third without a birth date, so that name lists, not birth-date lists, find the candidates
      travellers.push({
        fullName: variant ?? p.fullName,
        ...(i % 3 !== 0 ? { dateOfBirth: p.dateOfBirth } : {}),
        sex: p.sex,
        ...(i % 7 === 0 ? { nik: p.nik } : {}),
      });
    }
    let matched = 0;
    for (const t of travellers) {
      const a = incremental.screen(t, { now: NOW, limit: 50 });
      expect(a).toEqual(rebuilt.screen(t, { now: NOW, limit: 50 }));
      if (a.matches.length > 0) matched++;
    }
    expect(matched).toBeGreaterThan(travellers.length / 2); // the comparison is not vacuous
  });
});
