// ADR 0013: a one-word name with nothing else both sides carry is at most `monitor`; an entry known by
// a name of two or more words and nothing else is at most `refer`. Real Indonesian cases.
import { describe, expect, it } from '@jest/globals';
import type { PersonInput, TravelerInput, WatchlistEntryInput } from '../types.js';
import { WatchlistIndex } from './watchlist-index.js';

const NOW = new Date('2025-09-01T00:00:00Z');
const VALID = { validFrom: '2025-08-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' };
const ids = { next: 0 };

/** A cegah deny_departure entry (the strongest kind): any cap seen on it is the rule's doing. */
const entry = (person: PersonInput, over: Partial<WatchlistEntryInput> = {}): WatchlistEntryInput => ({
  entryId: `00000000-0000-4000-8000-${String(++ids.next).padStart(12, '0')}`,
  ...{ version: 1, legalType: 'cegah', action: 'deny_departure', person, ...VALID },
  ...over,
});

function screenOne(e: WatchlistEntryInput, traveler: TravelerInput) {
  const index = new WatchlistIndex();
  index.upsert(e);
  return index.screen(traveler, { now: NOW });
}

describe('thin matches: a one-word name with nothing else both sides carry', () => {
  it('never lets Ani, Sukarno or Suparman on an entry without date of birth or NIK stop or refer anyone', () => {
    // common one-word names: below the listing threshold, and capped at monitor if they ever reach it
    for (const fullName of ['Ani', 'Sukarno', 'Suparman']) {
      const result = screenOne(entry({ fullName }), { fullName, dateOfBirth: '1990-04-12', sex: 'F' });
      expect(result.decision).toBe('clear');
      expect(result.matches.every((m) => m.effect === 'monitor')).toBe(true);
    }
  });

  it('lists a one-word name the frequency table knows as rare (Budiono, Cipto) on a cegah entry as monitor, keeping a clear', () => {
    for (const fullName of ['Budiono', 'Cipto']) {
      const e = entry({ fullName });
      const result = screenOne(e, { fullName: fullName.toUpperCase(), dateOfBirth: '1970-01-15' });
      expect(result).toMatchObject({
        decision: 'clear',
        matches: [{ entryId: e.entryId, effect: 'monitor' }],
      });
      expect(result.matches[0].reasons).toEqual(['name_exact', 'insufficient_identification']);
    }
  });

  it('caps a one-word name at monitor when the traveller is screened without date of birth or NIK', () => {
    const e = entry({ fullName: 'Budiono', dateOfBirth: '1961-06-06', nik: '3578014606610003', sex: 'M' });
    const result = screenOne(e, { fullName: 'Budiono', passportNumber: 'C1234567', sex: 'M' });
    expect(result.decision).toBe('clear');
    expect(result.matches.map((m) => [m.effect, m.reasons.includes('insufficient_identification')])).toEqual([
      ['monitor', true],
    ]);
  });

  it('does not list a one-word name the table does not know (Wagiman, Poniyem, Sarinah) at all (ADR 0014)', () => {
    // an unknown word weighs as a fairly common one: alone, it is not even worth a record
    for (const fullName of ['Wagiman', 'Poniyem', 'Sarinah']) {
      const result = screenOne(entry({ fullName }), { fullName, dateOfBirth: '1970-01-15' });
      expect(result).toMatchObject({ decision: 'clear', matches: [] });
    }
  });

  it('counts a compound the normaliser splits (Tri|yanto, Nur|hayati) as the one word it is written as', () => {
    // regression: Triyanto normalises to two tokens, and a name-only Triyanto was referred on its name
    for (const fullName of ['Triyanto', 'Nurhayati']) {
      const result = screenOne(entry({ fullName }), { fullName, dateOfBirth: '1980-05-05', sex: 'M' });
      expect(result.decision).toBe('clear');
      for (const m of result.matches) {
        expect(m.effect).toBe('monitor');
        expect(m.reasons).toContain('insufficient_identification');
      }
    }
  });

  it('caps a one-word traveller against a two-word name-only entry (Ani against Ani Suryani)', () => {
    const e = entry({ fullName: 'Ani Suryani' });
    const result = screenOne(e, { fullName: 'Ani', dateOfBirth: '1988-02-01' });
    expect(result.decision).toBe('clear');
    for (const m of result.matches) {
      expect(m.effect).toBe('monitor');
      expect(m.reasons).toContain('insufficient_identification');
    }
  });

  it('still denies Suparman when both sides carry the same date of birth (one word, but identified)', () => {
    const e = entry({ fullName: 'Suparman', dateOfBirth: '1975-03-17', sex: 'M' });
    const result = screenOne(e, { fullName: 'Suparman', dateOfBirth: '1975-03-17', sex: 'M' });
    expect(result.decision).toBe('deny');
    expect(result.matches[0].reasons).not.toContain('insufficient_identification');
  });

  it('never denies on a thin match, whatever the entry type and action', () => {
    for (const legalType of ['cegah', 'dpo', 'protective'] as const) {
      const e = entry({ fullName: 'Suparman', dateOfBirth: '1975-03-17' }, { legalType });
      const result = screenOne(e, { fullName: 'Suparman' });
      expect(result.decision).toBe('clear');
      expect(result.matches.every((m) => m.effect === 'monitor')).toBe(true);
    }
  });
});

describe('name-only entries: two or more words and no date of birth, NIK or passport', () => {
  it('refers an exact name on a deny_departure cegah entry, with name_only_entry, never deny', () => {
    const e = entry({ fullName: 'Dewi Rahmawati' });
    const result = screenOne(e, { fullName: 'Dewi Rahmawati', dateOfBirth: '1992-07-30', sex: 'F' });
    expect(result).toMatchObject({ decision: 'refer', matches: [{ entryId: e.entryId, effect: 'refer' }] });
    expect(result.matches[0].reasons).toEqual(expect.arrayContaining(['name_exact', 'name_only_entry']));
  });

  it('leaves a name too common to identify anyone on a list to its score (Siti Rahmawati, ADR 0014)', () => {
    // Siti (3.2 nats) + Rahmawati (5.1) is below ln(4,000): more than one entry in a list would
    // carry it by chance, so agreeing on it alone is no referral
    const e = entry({ fullName: 'Siti Rahmawati' });
    const result = screenOne(e, { fullName: 'Siti Rahmawati', dateOfBirth: '1992-07-30', sex: 'F' });
    expect(result.decision).toBe('clear');
  });

  it('refers a name agreeing through an old spelling (Bambang Soesilo / Bambang Susilo)', () => {
    const e = entry({ fullName: 'Bambang Soesilo' }, { legalType: 'dpo' });
    const result = screenOne(e, { fullName: 'Bambang Susilo', nik: '3374011203700002', sex: 'M' });
    expect(result.decision).toBe('refer');
    expect(result.matches[0].reasons).toEqual(
      expect.arrayContaining(['name_spelling_variant', 'name_only_entry']),
    );
  });

  it('does not refer another person sharing one of the two words (Siti Rahmawati / Siti Aminah)', () => {
    const e = entry({ fullName: 'Siti Rahmawati' });
    expect(screenOne(e, { fullName: 'Siti Aminah', dateOfBirth: '1992-07-30', sex: 'F' })).toEqual({
      decision: 'clear',
      matches: [],
    });
  });

  it('finds a common name-only entry among others whatever the prefix filter (Muhammad Rizki)', () => {
    const index = new WatchlistIndex();
    const target = entry({ fullName: 'Muhammad Rizki' });
    index.upsert(target);
    for (const [i, fullName] of ['Muhammad Rizky Pratama', 'Rizki Amelia', 'Muhammad Fauzan'].entries())
      index.upsert(entry({ fullName, dateOfBirth: `198${i}-05-05` }));
    const result = index.screen(
      { fullName: 'Mohammad Rizky', dateOfBirth: '1999-09-09', sex: 'M' },
      { now: NOW },
    );
    expect(result.decision).toBe('refer');
    expect(result.matches.find((m) => m.entryId === target.entryId)?.reasons).toContain('name_only_entry');
  });

  it('keeps a monitor entry known by name only at monitor', () => {
    const e = entry({ fullName: 'Dewi Lestari' }, { action: 'monitor' });
    expect(screenOne(e, { fullName: 'Dewi Lestari' })).toMatchObject({
      decision: 'clear',
      matches: [{ effect: 'monitor' }],
    });
  });

  it('does not mark an entry that carries a date of birth as name-only', () => {
    const e = entry({ fullName: 'Siti Rahmawati', dateOfBirth: '1992-07-30', sex: 'F' });
    const result = screenOne(e, { fullName: 'Siti Rahmawati', dateOfBirth: '1992-07-30', sex: 'F' });
    expect(result.decision).toBe('deny');
    expect(result.matches[0].reasons).not.toContain('name_only_entry');
  });
});
