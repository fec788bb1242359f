import { describe, expect, it } from '@jest/globals';
import { validFixture } from '@simpul/contracts/testing';
import {
  alertForArrest,
  alertForDepartureDelayed,
  alertForExpiringEntry,
  alertForFoiledDeparture,
  alertForScreeningMatch,
} from './alert.rules.js';

const foiled = () => structuredClone(validFixture('police.departure.foiled.v1').data);
const arrest = () => structuredClone(validFixture('police.arrest.recorded.v1').data);

describe('alert rules', () => {
  it('a foiled departure with minors is critical even when few were stopped', () => {
    const data = foiled();
    data.candidateCount = 3;
    expect(alertForFoiledDeparture(data)).toMatchObject({
      kind: 'interception',
      severity: 'critical',
      region: 'riau',
    });
  });

  it('a foiled departure of 50 or more is critical; 10-49 high; fewer medium (no minors)', () => {
    const data = foiled();
    data.candidates = data.candidates.map((c) => ({ ...c, minor: false }));
    data.candidateCount = 50;
    expect(alertForFoiledDeparture(data).severity).toBe('critical');
    data.candidateCount = 49;
    expect(alertForFoiledDeparture(data).severity).toBe('high');
    data.candidateCount = 9;
    expect(alertForFoiledDeparture(data).severity).toBe('medium');
  });

  it('an arrest with a suspect at large is high, otherwise medium', () => {
    const data = arrest();
    expect(alertForArrest(data)).toMatchObject({ kind: 'arrest', severity: 'high' });
    data.suspects = data.suspects.map((s) => ({ ...s, status: 'detained' as const }));
    expect(alertForArrest(data).severity).toBe('medium');
  });

  it('summaries carry counts and codes, never names or identifiers of people', () => {
    const f = foiled();
    const a = arrest();
    const texts = [alertForFoiledDeparture(f).summary, alertForArrest(a).summary];
    for (const person of [...f.candidates.map((c) => c.person), ...a.suspects.map((s) => s.person)]) {
      for (const text of texts) {
        expect(text).not.toContain(person.fullName);
        if (person.nik) expect(text).not.toContain(person.nik);
      }
    }
  });

  it('a match on a dpo entry is critical; a refer on a protective entry high', () => {
    const match = structuredClone(validFixture('immigration.screening.matched.v1').data);
    match.decision = 'refer';
    expect(alertForScreeningMatch(match, 'dpo').severity).toBe('critical');
    expect(alertForScreeningMatch(match, 'protective')).toMatchObject({
      kind: 'watchlist_match',
      severity: 'high',
    });
  });

  it('a delay after a watchlist match is high, other delays medium', () => {
    const delay = structuredClone(validFixture('immigration.departure.delayed.v1').data);
    delay.reason = 'watchlist_match';
    expect(alertForDepartureDelayed(delay).severity).toBe('high');
    delay.reason = 'non_procedural_worker';
    expect(alertForDepartureDelayed(delay)).toMatchObject({ kind: 'departure_delayed', severity: 'medium' });
  });

  it('a cegah lapsing within 14 days raises entry_expiring; later, lapsed, revoked or other types do not', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const cegah = { legalType: 'cegah', status: 'active', validUntil: '2026-01-15T00:00:00Z' };
    expect(alertForExpiringEntry(cegah, 'riau', now)).toMatchObject({
      kind: 'entry_expiring',
      region: 'riau',
    });
    expect(
      alertForExpiringEntry({ ...cegah, validUntil: '2026-01-15T00:00:01Z' }, 'riau', now),
    ).toBeUndefined();
    expect(
      alertForExpiringEntry({ ...cegah, validUntil: '2026-01-01T00:00:00Z' }, 'riau', now),
    ).toBeUndefined();
    expect(alertForExpiringEntry({ ...cegah, status: 'revoked' }, 'riau', now)).toBeUndefined();
    expect(alertForExpiringEntry({ ...cegah, legalType: 'dpo' }, 'riau', now)).toBeUndefined();
  });
});
