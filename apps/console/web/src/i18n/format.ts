import { ZONES, type ZoneName } from '../places/time-zones';

export type Language = 'id' | 'en';

const LOCALES: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };

/** An instant in the zone of the place, with the zone named: `3 Des 2026 21.16 WIB`. */
export function formatInstant(iso: string, zone: ZoneName, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: ZONES[zone],
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
  return `${text} ${zone}`;
}

/** A calendar date (`1979-04-12`) as people write it: `12 Apr 1979`; no zone, a date is not an instant. */
export function formatDate(isoDate: string, language: Language): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(date);
}

export function formatNumber(value: number, language: Language, fractionDigits = 0): string {
  return new Intl.NumberFormat(LOCALES[language], {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** `YYYY-MM` as a month name: `Nov 2026`. */
export function formatMonth(key: string, language: Language): string {
  const date = new Date(`${key}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return key;
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: 'UTC',
    month: 'short',
    year: 'numeric',
  }).format(date);
}

/** How long ago, in the largest whole unit: `5 menit lalu` / `5 minutes ago`. */
export function formatAge(iso: string, now: number, language: Language): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(LOCALES[language], { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}
