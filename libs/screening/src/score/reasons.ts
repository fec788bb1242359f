// Turns evidence into the reason codes an officer and the published match event carry: codes,
// never values, so they are safe to log. Strongest evidence first.
import type { ReasonCode } from '../types.js';
import type { PairEvidence } from './evidence.js';
import { NAME_FLAGS } from './name-alignment.js';

const BIRTH_REASON: Record<PairEvidence['birth'], ReasonCode | undefined> = {
  exact: 'dob_exact',
  swapped: 'dob_day_month_swapped',
  year_only: 'dob_year_only',
  off_by_one: 'dob_year_off_by_one',
  same_year: 'dob_same_year',
  conflict: 'dob_conflict',
  unknown: undefined,
};

/** What the traveller's own record says about itself (a NIK contradicting the stated birth data). */
export interface TravelerConsistency {
  nikAgreesWithDob: boolean;
  nikAgreesWithSex: boolean;
}

export function reasonsFor(e: PairEvidence, traveler: TravelerConsistency): ReasonCode[] {
  const reasons: ReasonCode[] = [];
  if (e.nik === 'match') reasons.push('nik_exact');
  if (e.passport === 'match' && !e.nationalityConflict) reasons.push('passport_exact');
  const f = e.name.flags;
  if (f & NAME_FLAGS.exact) reasons.push('name_exact');
  if (e.alias) reasons.push('name_alias');
  if (f & NAME_FLAGS.spelling) reasons.push('name_spelling_variant');
  if (f & NAME_FLAGS.typo) reasons.push('name_typo');
  if (f & NAME_FLAGS.initial) reasons.push('name_initial');
  if (f & NAME_FLAGS.compound) reasons.push('name_compound');
  if (f & NAME_FLAGS.order) reasons.push('name_token_order');
  if (f & NAME_FLAGS.missing) reasons.push('name_token_missing');
  if (f & NAME_FLAGS.conflict) reasons.push('name_token_conflict');
  const birth = BIRTH_REASON[e.birth];
  if (birth !== undefined) reasons.push(birth);
  if (e.sex === 'match') reasons.push('sex_match');
  if (e.sex === 'conflict') reasons.push('sex_conflict');
  if (e.nik === 'conflict') reasons.push('nik_conflict');
  if (e.passport === 'conflict') reasons.push('passport_conflict');
  if (e.nationalityConflict) reasons.push('nationality_conflict');
  if (!traveler.nikAgreesWithDob) reasons.push('traveler_nik_disagrees_with_dob');
  if (!traveler.nikAgreesWithSex) reasons.push('traveler_nik_disagrees_with_sex');
  return reasons;
}
