// Framework-free rules about watchlist entries as a checkpoint holds them.

export type LegalType = 'cegah' | 'dpo' | 'advisory' | 'protective';
export type EntryAction = 'deny_departure' | 'refer' | 'monitor';
export type Decision = 'clear' | 'refer' | 'deny';

/**
 * Ordering of the states of one entry (docs/contract.md §3: handlers must not depend on order):
 * version v issued = 2v, version v revoked = 2v + 1, so a revoke of v beats an issue of v or less,
 * and a re-issue of v + 1 beats a revoke of v.
 */
export function entryRank(version: number, revoked: boolean): number {
  return version * 2 + (revoked ? 1 : 0);
}

/**
 * The screening's decision: the watchlist's (the engine's policy: `deny` only for a binding ban with
 * strong evidence, `monitor` matches never change a `clear`); a live delay elsewhere is at least refer.
 */
export function screeningDecision(watchlist: Decision, delayedElsewhere: boolean): Decision {
  if (watchlist === 'clear' && delayedElsewhere) return 'refer';
  return watchlist;
}
