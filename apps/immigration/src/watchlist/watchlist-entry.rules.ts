// Framework-free rules about watchlist entries as a checkpoint holds them.

export type LegalType = 'cegah' | 'dpo' | 'advisory' | 'protective';
export type EntryAction = 'deny_departure' | 'refer' | 'monitor';
export type Decision = 'clear' | 'refer' | 'deny';

/**
 * Ordering of the states of one entry (DESIGN.md §3: handlers must not depend on order):
 * version v issued = 2v, version v revoked = 2v + 1, so a revoke of v beats an issue of v or less,
 * and a re-issue of v + 1 beats a revoke of v.
 */
export function entryRank(version: number, revoked: boolean): number {
  return version * 2 + (revoked ? 1 : 0);
}

/** Whether an entry can match at `now`: issued (not only revoked), not revoked, within validFrom..validUntil. */
export function isEntryActive(
  entry: { revokedAt: Date | null; validFrom: Date | null; validUntil: Date | null; hasPerson: boolean },
  now: Date,
): boolean {
  if (!entry.hasPerson || entry.revokedAt) return false;
  if (!entry.validFrom || !entry.validUntil) return false;
  const t = now.getTime();
  return t >= entry.validFrom.getTime() && t < entry.validUntil.getTime();
}

/**
 * What one matched entry asks of the desk: `deny` only for a binding ban (cegah or dpo with
 * deny_departure); an advisory or protective entry never denies (DOMAIN.md: never shown as a ban);
 * every other match refers the traveller to an interview (monitor included: an officer should know).
 */
export function decisionForEntry(legalType: LegalType, action: EntryAction): 'refer' | 'deny' {
  if (action === 'deny_departure' && (legalType === 'cegah' || legalType === 'dpo')) return 'deny';
  return 'refer';
}

/** The screening's decision: the strictest of its matches; a live delay elsewhere is at least refer. */
export function screeningDecision(
  entryDecisions: readonly ('refer' | 'deny')[],
  delayedElsewhere: boolean,
): Decision {
  if (entryDecisions.includes('deny')) return 'deny';
  if (entryDecisions.length > 0 || delayedElsewhere) return 'refer';
  return 'clear';
}
