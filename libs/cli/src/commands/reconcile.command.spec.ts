import { describe, expect, it } from '@jest/globals';
import { parseArgs, parseSince } from './reconcile.command.js';

const NOW = Date.parse('2026-12-02T12:00:00Z');

describe('simpul reconcile --since', () => {
  it('takes a duration back from now', () => {
    expect(parseSince('90s', NOW)?.toISOString()).toBe('2026-12-02T11:58:30.000Z');
    expect(parseSince('30m', NOW)?.toISOString()).toBe('2026-12-02T11:30:00.000Z');
    expect(parseSince('6h', NOW)?.toISOString()).toBe('2026-12-02T06:00:00.000Z');
    expect(parseSince('2d', NOW)?.toISOString()).toBe('2026-11-30T12:00:00.000Z');
  });

  it('takes an ISO 8601 instant with a zone', () => {
    expect(parseSince('2026-12-01T06:00:00Z', NOW)?.toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(parseSince('2026-12-01T13:00:00.5+07:00', NOW)?.toISOString()).toBe('2026-12-01T06:00:00.500Z');
  });

  it('refuses anything else, naming the option', () => {
    for (const bad of ['yesterday', '0h', '6 h', '2026-12-01T06:00:00', '2026-12-01', '2026-13-01T00:00Z'])
      expect([bad, parseSince(bad, NOW)]).toEqual([bad, undefined]);
    expect(parseArgs(['--since', 'soon'], NOW)).toMatch(/^--since must be/);
    expect(parseArgs(['--keys'], NOW)).toBe('--keys needs a value');
    expect(parseArgs(['extra'], NOW)).toBe('unknown argument (reconcile takes options only)');
    expect(parseArgs(['--since', '1h', '--json'], NOW)).toEqual({
      json: true,
      since: new Date(NOW - 3_600_000),
    });
  });
});
