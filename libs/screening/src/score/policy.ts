// What a match does at the desk, per legal type (docs/domain.md): `deny` only for a deny_departure entry
// of a binding type with strong evidence; weaker evidence on such an entry is a `refer`; `monitor`
// entries are listed but never change a clear; an advisory entry is never shown as a ban.
import type { Decision, MatchEffect, WatchlistAction, WatchlistLegalType } from '../types.js';
import type { PairEvidence, PersonView } from './evidence.js';
import { NAME_FLAGS } from './name-alignment.js';
import { CALIBRATION_LIST_SIZE } from './model-coefficients.js';
import { writtenWordCount } from '../normalise/normalise-name.js';

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

/**
 * How well a pair can identify anyone (ADR 0013, 0014): `thin` when one side's name is a single word
 * and nothing else is carried by both sides (no date of birth, NIK or passport to compare): one Ani
 * among thousands; `name_only` when the entry has a name of two or more words and no date of birth,
 * NIK or passport at all; `names_compared` when the entry has some of those but the traveller
 * carries none of them (screened by name and passport, the entry holding no passport), so again only
 * names can be compared; `identified` otherwise.
 */
export type Identification = 'thin' | 'name_only' | 'names_compared' | 'identified';

function longestName(person: PersonView): number {
  let longest = 0;
  for (const name of person.names) longest = Math.max(longest, writtenWordCount(name));
  return longest;
}

export function identification(
  traveler: PersonView,
  entry: PersonView,
  evidence: PairEvidence,
): Identification {
  const nothingShared =
    evidence.birth === 'unknown' && evidence.nik === 'unknown' && evidence.passport === 'unknown';
  if (nothingShared && (longestName(entry) <= 1 || longestName(traveler) <= 1)) return 'thin';
  const entryHasIdentifiers =
    entry.births.length > 0 || entry.nik !== undefined || entry.passport !== undefined;
  if (!entryHasIdentifiers) return 'name_only';
  return nothingShared ? 'names_compared' : 'identified';
}

/**
 * The information (nats) an agreeing name must carry to be listed whatever its score when only
 * names can be compared (ADR 0014, narrowing ADR 0013): ln(list size), so that fewer than one entry
 * of the list would carry the name by chance (a word's weight is −ln of the share of people whose
 * name holds it). Sumiyati Rahmawati Siregar passes at a million entries; Siti Aminah, whom hundreds
 * of entries would share, is left to its score, or every traveller of that name would be referred.
 * Below the calibration list's size the bar stays at ln(4,000).
 */
export function agreeingNameBar(listSize: number): number {
  return Math.log(Math.max(listSize, CALIBRATION_LIST_SIZE));
}

/**
 * Whether the names agree word for word, exactly or through a spelling variant (old spelling,
 * initial, compound, order): no word conflicts, none is left over on either side (a father's name
 * may be), and no word agrees only as a typo. A typo of a common word is often another real name
 * (Fitri / Putri, Indra / Hendra), so a typo'd name on a name-only entry is listed only on its score.
 */
export function namesAgree(evidence: PairEvidence): boolean {
  const n = evidence.name;
  const f = n.flags;
  if (n.matched <= 0 || (f & (NAME_FLAGS.conflict | NAME_FLAGS.typo)) !== 0) return false;
  // a father's name (after bin/binti) that one side adds is not a word left over: Ahmad Fauzi bin
  // Abdullah agrees with Ahmad Fauzi, since every word of the person's own name pairs (ADR 0014)
  return (f & NAME_FLAGS.missing) === 0 || (n.unmatchedWordsA === 0 && n.unmatchedWordsB === 0);
}

/**
 * What a scored entry does, or undefined when its score does not reach its type's listing threshold.
 * A thin match is at most `monitor` (listed for the record, never changes a clear); when only names
 * can be compared (a name-only entry, or a traveller carrying none of the entry's identifiers) the
 * match is at most `refer`: a name alone never denies, and a name agreeing word for word that carries
 * `agreeBar` nats is listed whatever its score, so a long list does not hide it (ADR 0013, 0014).
 */
export function matchEffect(
  entry: { legalType: WatchlistLegalType; action: WatchlistAction },
  score: number,
  evidence: PairEvidence,
  standing: Identification = 'identified',
  agreeBar = Infinity,
): MatchEffect | undefined {
  const policy = POLICY[entry.legalType];
  const listedOnName =
    (standing === 'name_only' || standing === 'names_compared') &&
    evidence.name.matched >= agreeBar &&
    namesAgree(evidence);
  if (score < policy.list && !listedOnName) return undefined;
  if (entry.action === 'monitor' || standing === 'thin') return 'monitor';
  if (standing === 'name_only' || standing === 'names_compared') return 'refer';
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
