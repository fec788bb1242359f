import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { zoneOfPlace, zoneOfPolda, type ZoneName } from './time-zones';

interface Units {
  polda: { code: string; id: string }[];
  checkpoints: { code: string; id: string; polda: string }[];
}
const units = JSON.parse(
  readFileSync(new URL('../../../../../deploy/reference/units.json', import.meta.url), 'utf8'),
) as Units;

// Indonesia's zones by province (written out here, not derived from the code under test): WIB for
// Sumatra, Java and West and Central Kalimantan; WITA for Bali, Nusa Tenggara, the rest of
// Kalimantan and Sulawesi; WIT for Maluku and Papua.
const EXPECTED: Record<ZoneName, string[]> = {
  WIB: [
    'aceh',
    'sumut',
    'sumbar',
    'riau',
    'kepri',
    'jambi',
    'sumsel',
    'babel',
    'bengkulu',
    'lampung',
    'metro-jaya',
    'jabar',
    'banten',
    'jateng',
    'diy',
    'jatim',
    'kalbar',
    'kalteng',
  ],
  WITA: [
    'bali',
    'ntb',
    'ntt',
    'kalsel',
    'kaltim',
    'kaltara',
    'sulut',
    'gorontalo',
    'sulteng',
    'sulbar',
    'sulsel',
    'sultra',
  ],
  WIT: ['maluku', 'malut', 'papua', 'papua-barat', 'papua-tengah', 'papua-barat-daya'],
};
const expectedZone = (polda: string) =>
  (Object.keys(EXPECTED) as ZoneName[]).find((zone) => EXPECTED[zone].includes(polda));

describe('the zone of a place', () => {
  it('classifies every reference Polda, and only those (a new Polda needs a line here)', () => {
    expect(Object.values(EXPECTED).flat().sort()).toEqual(units.polda.map((p) => p.code).sort());
  });

  it.each(units.polda.map((p) => [p.id, p.code]))('gives %s its province’s zone', (id, code) => {
    expect(zoneOfPolda(code)).toBe(expectedZone(code));
    expect(zoneOfPlace(id)).toBe(expectedZone(code));
    expect(zoneOfPlace(code)).toBe(expectedZone(code));
  });

  it.each(units.checkpoints.map((c) => [c.id, c.code, c.polda]))(
    'gives %s the zone of the Polda it lies in',
    (id, code, polda) => {
      expect(zoneOfPlace(id)).toBe(expectedZone(polda));
      expect(zoneOfPlace(code)).toBe(expectedZone(polda));
    },
  );

  it.each([
    ['polda:bali', 'WITA'],
    ['polda:sulsel', 'WITA'],
    ['polda:papua', 'WIT'],
    ['polda:riau', 'WIB'],
    ['polda:kepri', 'WIB'],
    ['polda:metro-jaya', 'WIB'],
    ['checkpoint:ngurah-rai', 'WITA'],
    ['checkpoint:nunukan', 'WITA'],
    ['checkpoint:batam-center', 'WIB'],
    ['checkpoint:dumai', 'WIB'],
    ['ministry:desk', 'WIB'],
    ['ministry:service', 'WIB'],
  ])('%s keeps %s', (place, zone) => {
    expect(zoneOfPlace(place)).toBe(zone);
  });
});
