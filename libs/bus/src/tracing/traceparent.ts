import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** W3C trace context `traceparent`: `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`. */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function isTraceparent(value: string | undefined): value is string {
  if (!value) return false;
  const m = TRACEPARENT.exec(value);
  return m !== null && !/^0+$/.test(m[1]!) && !/^0+$/.test(m[2]!);
}

// Random hex from crypto.randomUUID, which Node serves from a pooled entropy buffer: a
// randomBytes() call per id cost 4% of the relay's CPU in the bench profile. A v4 UUID carries
// 122 random bits; the fixed version/variant nibbles are dropped so ids stay uniformly random.
function randomHex(length: 16 | 32): string {
  const u = randomUUID().replace(/-/g, '');
  // positions 12 (version) and 16 (variant) are not random: skip them
  const random = u.slice(0, 12) + u.slice(13, 16) + u.slice(17);
  return length === 16 ? random.slice(0, 16) : random + randomUUID().replace(/-/g, '').slice(0, 2);
}

/** A new trace (sampled). */
export function newTraceparent(): string {
  return `00-${randomHex(32)}-${randomHex(16)}-01`;
}

/** A child span of `parent`: same trace id and flags, a new span id; a new trace when `parent` is not valid. */
export function childTraceparent(parent: string | undefined): string {
  if (!isTraceparent(parent)) return newTraceparent();
  const [, traceId, , flags] = TRACEPARENT.exec(parent)!;
  return `00-${traceId}-${randomHex(16)}-${flags}`;
}

/**
 * The trace of the event a handler is applying, so that events it appends to the outbox continue
 * the same trace without every handler passing it along.
 */
export const currentTrace = new AsyncLocalStorage<string>();
