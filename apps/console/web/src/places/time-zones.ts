/**
 * Indonesia's three time zones, and the zone of each place the console shows times for: a Polda by
 * its province, a checkpoint by the Polda it lies in, the ministry desk in Jakarta. Officers read
 * times in the zone of the place, with the zone named (WIB, WITA, WIT).
 */
export type ZoneName = 'WIB' | 'WITA' | 'WIT';

export const ZONES: Record<ZoneName, string> = {
  WIB: 'Asia/Jakarta',
  WITA: 'Asia/Makassar',
  WIT: 'Asia/Jayapura',
};

// Polda codes whose province keeps WITA (UTC+8) or WIT (UTC+9); every other Polda keeps WIB (UTC+7).
const WITA_POLDAS = new Set([
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
]);
const WIT_POLDAS = new Set(['maluku', 'malut', 'papua', 'papua-barat', 'papua-tengah', 'papua-barat-daya']);

// The Polda each reference checkpoint lies in (deploy/reference/units.json).
const CHECKPOINT_POLDA: Record<string, string> = {
  'soekarno-hatta': 'metro-jaya',
  'batam-center': 'kepri',
  'harbour-bay': 'kepri',
  sekupang: 'kepri',
  'tanjung-balai-karimun': 'kepri',
  'tanjung-pinang': 'kepri',
  dumai: 'riau',
  'teluk-nibung': 'sumut',
  kualanamu: 'sumut',
  nunukan: 'kaltara',
  entikong: 'kalbar',
  juanda: 'jatim',
  'ngurah-rai': 'bali',
  lombok: 'ntb',
  kupang: 'ntt',
  motaain: 'ntt',
};

export function zoneOfPolda(code: string): ZoneName {
  if (WITA_POLDAS.has(code)) return 'WITA';
  if (WIT_POLDAS.has(code)) return 'WIT';
  return 'WIB';
}

/** The zone of a unit id (`polda:bali`, `checkpoint:nunukan`, `ministry:desk`) or a bare region code. */
export function zoneOfPlace(place: string): ZoneName {
  const [kind, code] = place.includes(':') ? place.split(':', 2) : ['', place];
  if (kind === 'ministry') return 'WIB';
  if (kind === 'checkpoint' || CHECKPOINT_POLDA[code]) return zoneOfPolda(CHECKPOINT_POLDA[code] ?? '');
  return zoneOfPolda(code);
}
