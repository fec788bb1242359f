import { ZONES, zoneOfPlace, zoneOfPolda, type ZoneName } from '../../places/time-zones';

const OFFSETS: Record<string, string> = {
  'Asia/Jakarta': '+07:00',
  'Asia/Makassar': '+08:00',
  'Asia/Jayapura': '+09:00',
};

function zonedToInstant(value: string, zone: ZoneName): string {
  if (!value) return '';
  return new Date(`${value}:00${OFFSETS[ZONES[zone]]}`).toISOString();
}

/**
 * A `datetime-local` value typed at a Polda (`2026-12-03T14:30`) as an instant: the officer types
 * the time of the place, in its zone (Indonesia keeps no daylight saving, so the offset is fixed).
 */
export function poldaLocalToInstant(value: string, polda: string): string {
  return zonedToInstant(value, zoneOfPolda(polda));
}

/** The same for any desk (`ministry:desk` types Jakarta's time, WIB). */
export function placeLocalToInstant(value: string, place: string): string {
  return zonedToInstant(value, zoneOfPlace(place));
}
