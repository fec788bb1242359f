import { describe, expect, it } from '@jest/globals';
import { formatAge, formatDate, formatInstant, formatMonth } from './format';

// 14:00 UTC: 21.00 in Jakarta (UTC+7), 22.00 in Makassar (UTC+8), 23.00 in Jayapura (UTC+9).
const INSTANT = '2026-12-03T14:00:00.000Z';

describe('formatInstant', () => {
  it.each([
    ['WIB', 'id', /^3 Des 2026,? 21\.00 WIB$/],
    ['WITA', 'id', /^3 Des 2026,? 22\.00 WITA$/],
    ['WIT', 'id', /^3 Des 2026,? 23\.00 WIT$/],
    ['WIB', 'en', /^3 Dec 2026,? 21:00 WIB$/],
    ['WITA', 'en', /^3 Dec 2026,? 22:00 WITA$/],
    ['WIT', 'en', /^3 Dec 2026,? 23:00 WIT$/],
  ] as const)('shows 14:00Z in %s (%s) in that zone, the zone named', (zone, language, expected) => {
    expect(formatInstant(INSTANT, zone, language)).toMatch(expected);
  });

  it('moves the date with the zone: 16:30Z is the next day in WIT, not in WIB', () => {
    expect(formatInstant('2026-12-03T16:30:00Z', 'WIB', 'en')).toMatch(/^3 Dec 2026,? 23:30 WIB$/);
    expect(formatInstant('2026-12-03T16:30:00Z', 'WIT', 'en')).toMatch(/^4 Dec 2026,? 01:30 WIT$/);
  });

  it('shows what it cannot read as it is', () => {
    expect(formatInstant('not a date', 'WIB', 'id')).toBe('not a date');
  });
});

describe('formatDate', () => {
  it('writes a calendar date without moving it to any zone', () => {
    expect(formatDate('1979-04-12', 'en')).toBe('12 Apr 1979');
    expect(formatDate('1979-08-01', 'id')).toBe('1 Agu 1979');
    expect(formatDate('1979-13-01', 'en')).toBe('1979-13-01');
  });
});

describe('formatAge', () => {
  const now = Date.parse(INSTANT);
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

  it.each([
    [0, 'en', 'now'],
    [30, 'en', '30 seconds ago'],
    [59, 'en', '59 seconds ago'],
    [60, 'en', '1 minute ago'],
    [5 * 60, 'en', '5 minutes ago'],
    [5 * 60, 'id', '5 menit yang lalu'],
    [3 * 3600, 'en', '3 hours ago'],
    [3 * 3600, 'id', '3 jam yang lalu'],
    [86400, 'en', 'yesterday'],
    [86400, 'id', 'kemarin'],
    [3 * 86400, 'en', '3 days ago'],
    [-2 * 86400, 'en', 'in 2 days'],
  ] as const)('says %i seconds ago in the largest whole unit (%s): %s', (seconds, language, text) => {
    expect(formatAge(ago(seconds), now, language)).toBe(text);
  });
});

describe('formatMonth', () => {
  it.each([
    ['2026-11', 'en', 'Nov 2026'],
    ['2026-11', 'id', 'Nov 2026'],
    ['2026-05', 'en', 'May 2026'],
    ['2026-05', 'id', 'Mei 2026'],
    ['2026-12', 'id', 'Des 2026'],
    ['2026-13', 'en', '2026-13'],
  ] as const)('writes %s in %s as %s', (key, language, text) => {
    expect(formatMonth(key, language)).toBe(text);
  });
});
