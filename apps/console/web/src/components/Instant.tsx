import { formatInstant } from '../i18n/format';
import { useLanguage } from '../i18n/i18n';
import { zoneOfPlace } from '../places/time-zones';

/** An instant shown in the zone of `place` (a unit id or region code), zone named. */
export function Instant({ iso, place }: { iso: string | null | undefined; place: string }) {
  const { language } = useLanguage();
  if (!iso) return <span>–</span>;
  return <time dateTime={iso}>{formatInstant(iso, zoneOfPlace(place), language)}</time>;
}
