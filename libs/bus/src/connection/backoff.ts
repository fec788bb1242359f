/**
 * Exponential backoff with full jitter: attempt 0 waits about `initialMs`, each next attempt doubles,
 * capped at `maxMs`. `random` is injectable so tests are deterministic. Jitter keeps a fleet of
 * services that lost NATS together from reconnecting in lockstep.
 */
export function backoffDelay(
  attempt: number,
  { initialMs, maxMs, jitter = 0.2 }: { initialMs: number; maxMs: number; jitter?: number },
  random: () => number = Math.random,
): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  const spread = base * jitter;
  return Math.max(0, Math.round(base - spread + random() * 2 * spread));
}
