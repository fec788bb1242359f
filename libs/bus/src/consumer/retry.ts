/** Default delays before redelivering after a retryable failure, by attempt (1st failure → 1 s …), in milliseconds. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 15_000, 60_000, 300_000];

/**
 * Delay of the `nak` after failed delivery number `deliveryCount` (1-based): the schedule's entry,
 * the last one beyond its end, with ±10% jitter so a burst of failures does not return as a burst.
 */
export function retryDelay(
  deliveryCount: number,
  schedule: readonly number[] = DEFAULT_RETRY_DELAYS_MS,
  random: () => number = Math.random,
): number {
  if (schedule.length === 0) return 0;
  const base = schedule[Math.min(Math.max(deliveryCount, 1), schedule.length) - 1]!;
  return Math.max(0, Math.round(base * (0.9 + 0.2 * random())));
}
