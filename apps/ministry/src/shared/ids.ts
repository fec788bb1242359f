import { createHash } from 'node:crypto';

/**
 * A UUID (version 8, RFC 9562 custom) derived from a name: the same inputs always give the same id,
 * so a reaction re-run on a duplicated event writes the same rows (and conflicts) instead of new ones.
 */
export function deterministicUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u001f'), 'utf8').digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `instant` plus `days` × 24 h, as ISO 8601 UTC. */
export function addDays(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * 24 * 60 * 60 * 1000).toISOString();
}
