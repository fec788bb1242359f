// What a match does at the desk, per legal type (docs/domain.md): `deny` only for a deny_departure entry
// of a binding type with strong evidence; weaker evidence on such an entry is a `refer`; `monitor`
// entries are listed but never change a clear; an advisory entry is never shown as a ban.
import type { Decision, MatchEffect, WatchlistAction, WatchlistLegalType } from '../types.js';
import type { PairEvidence } from './evidence.js';

export interface LegalTypePolicy {
  /** Lowest calibrated score at which an entry of this type is listed as a match. */
  list: number;
  /** Lowest name+birth score that is strong enough to deny (with an exact date of birth). */
  deny: number;
  /** Whether this legal type can deny at all. */
  canDeny: boolean;
}

/**
 * Thresholds on the calibrated score, chosen on the training set (see README "Evaluation").
 * Protective entries are listed a little earlier: a wrong referral costs an interview, a missed
 * one a victim's second trafficking attempt. Advisory entries need more before they are shown.
 */
export const POLICY: Readonly<Record<WatchlistLegalType, LegalTypePolicy>> = {
  cegah: { list: 0.4, deny: 0.97, canDeny: true },
  dpo: { list: 0.4, deny: 0.97, canDeny: true },
  protective: { list: 0.35, deny: 0.97, canDeny: true },
  advisory: { list: 0.5, deny: 1, canDeny: false },
};

/** The lowest listing threshold of any legal type: below it nothing is ever reported. */
export const MIN_LIST_SCORE = Math.min(...Object.values(POLICY).map((p) => p.list));

/** Strong evidence: a NIK or passport match, or a very high score with an exact date of birth. */
export function isStrongEvidence(evidence: PairEvidence, score: number, policy: LegalTypePolicy): boolean {
  if (evidence.nik === 'match') return true;
  if (evidence.passport === 'match' && !evidence.nationalityConflict) return true;
  return score >= policy.deny && evidence.birth === 'exact';
}

/** What a scored entry does, or undefined when its score does not reach its type's listing threshold. */
export function matchEffect(
  entry: { legalType: WatchlistLegalType; action: WatchlistAction },
  score: number,
  evidence: PairEvidence,
): MatchEffect | undefined {
  const policy = POLICY[entry.legalType];
  if (score < policy.list) return undefined;
  if (entry.action === 'monitor') return 'monitor';
  if (entry.action === 'refer' || !policy.canDeny) return 'refer';
  return isStrongEvidence(evidence, score, policy) ? 'deny' : 'refer';
}

/** The desk's decision from the effects of all matches: deny beats refer beats clear; monitor is clear. */
export function decide(effects: Iterable<MatchEffect>): Decision {
  let decision: Decision = 'clear';
  for (const effect of effects) {
    if (effect === 'deny') return 'deny';
    if (effect === 'refer') decision = 'refer';
  }
  return decision;
}
