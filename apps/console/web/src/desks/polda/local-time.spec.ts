import { describe, expect, it } from '@jest/globals';
import { poldaLocalToInstant } from './local-time';

describe('a time typed at a Polda', () => {
  it.each([
    ['metro-jaya', '2026-12-03T21:00', '2026-12-03T14:00:00.000Z'], // WIB, UTC+7
    ['kalbar', '2026-12-03T21:00', '2026-12-03T14:00:00.000Z'], // Kalimantan, yet WIB
    ['bali', '2026-12-03T22:00', '2026-12-03T14:00:00.000Z'], // WITA, UTC+8
    ['sulsel', '2026-12-03T22:00', '2026-12-03T14:00:00.000Z'],
    ['papua', '2026-12-03T23:00', '2026-12-03T14:00:00.000Z'], // WIT, UTC+9
    ['papua', '2026-12-04T03:30', '2026-12-03T18:30:00.000Z'], // the day before in UTC
    ['riau', '2026-01-01T00:00', '2025-12-31T17:00:00.000Z'],
  ])('at %s, %s is %s', (polda, local, instant) => {
    expect(poldaLocalToInstant(local, polda)).toBe(instant);
  });

  it('leaves an empty field empty', () => {
    expect(poldaLocalToInstant('', 'bali')).toBe('');
  });
});
