import { createHash } from 'node:crypto';
import { MAX_INSTANT_MS } from '@simpul/contracts';

/**
 * A UUID (version 8, RFC 9562 custom) derived from a name: the same inputs always give the same id,
 * so a reaction re-run on a duplicated event writes the same rows (and conflicts) instead of new ones.
 */
export function deterministicUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u001f'), 'utf8').digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * `instant` plus `days` × 24 h, as ISO 8601 UTC, clamped to the contract's last instant
 * (MAX_INSTANT): a date derived from a late instant must still fit an event, or the event built
 * from it would be refused and the whole batch that derived it would roll back again and again.
 */
export function addDays(instant: string, days: number): string {
  return new Date(Math.min(Date.parse(instant) + days * 24 * 60 * 60 * 1000, MAX_INSTANT_MS)).toISOString();
}
