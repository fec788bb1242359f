// Framework-free decisions about a screening's outcome.
import type { DelayReason } from '@simpul/contracts';

export const OUTCOMES = ['departure_delayed', 'cleared', 'false_positive'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Longest and default validity of a departure delay, in days (docs/contract.md §5, §6). */
export const MAX_DELAY_DAYS = 30;

/** The delay reason: the one given, else watchlist_match when the screening matched, else non_procedural_worker. */
export function delayReason(given: DelayReason | undefined, screeningMatched: boolean): DelayReason {
  return given ?? (screeningMatched ? 'watchlist_match' : 'non_procedural_worker');
}

/** Until when a delay made at `occurredAt` holds: validForDays × 24 h (default and max 30). */
export function delayValidUntil(occurredAt: Date, validForDays: number | undefined): Date {
  const days = Math.min(validForDays ?? MAX_DELAY_DAYS, MAX_DELAY_DAYS);
  return new Date(occurredAt.getTime() + days * 24 * 3600 * 1000);
}
