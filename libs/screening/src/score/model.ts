// The calibrated model: a logistic regression over the evidence, in the spirit of Fellegi-Sunter
// record linkage (each field adds log-odds of its own). Coefficients are fitted by
// `node libs/screening/dist/eval/tool.js calibrate` on a training set drawn like the evaluation set
// but from another seed, with sign constraints so that more agreement never lowers the score (which
// the index's candidate pruning relies on). NIK equality and passport equality are decisive and
// bypass the model.
//
// The prior that a traveller is one given entry shrinks as the list grows (Bayes): the same name is
// a coincidence more often among a million entries than among four thousand. So for lists larger
// than the calibration list the log-odds lose ln(size / calibration size) (listShift); evidence
// with a day-level birth agreement loses only DAY_LEVEL_SHIFT_FACTOR of it, because the fitted birth
// coefficient (about 6.6 nats) is already well below the ~10 nats a full date carries and the full
// shift would wrongly drop exact-name exact-date matches. Measured on a separate synthetic list of
// 1,000,000 entries (README "Large lists"): without any shift 46% of travellers on no entry got a
// match (a common full name on an entry with no date of birth); with the full shift everywhere,
// recall on travellers whose entry had their exact date fell to 87%; with this one, 97% of those
// are found and under 4% of travellers on no entry get a match.
import type { BirthAgreement } from '../identifiers/birth.js';
import type { NameAlignment } from './name-alignment.js';
import type { PairEvidence } from './evidence.js';
import { CALIBRATION_LIST_SIZE, MODEL_COEFFICIENTS } from './model-coefficients.js';

export const FEATURES = [
  'bias',
  'name_matched',
  'name_conflict',
  'name_omission',
  'name_soft_loss',
  'name_conflict_words',
  'name_omitted_words',
  'birth_exact',
  'birth_swapped',
  'birth_year_only',
  'birth_off_by_one',
  'birth_same_year',
  'birth_conflict',
  'sex_match',
  'sex_conflict',
  'nik_conflict',
  'passport_conflict',
  'nationality_conflict',
] as const;

export type Feature = (typeof FEATURES)[number];
export type Coefficients = Readonly<Record<Feature, number>>;

/** Sign each coefficient must keep: +1 evidence for, -1 evidence against, 0 free. */
export const FEATURE_SIGNS: Readonly<Record<Feature, -1 | 0 | 1>> = {
  bias: 0,
  name_matched: 1,
  name_conflict: -1,
  name_omission: -1,
  name_soft_loss: -1,
  name_conflict_words: -1,
  name_omitted_words: -1,
  birth_exact: 1,
  birth_swapped: 1,
  birth_year_only: 1,
  birth_off_by_one: 0,
  birth_same_year: 0,
  birth_conflict: -1,
  sex_match: 1,
  sex_conflict: -1,
  nik_conflict: -1,
  passport_conflict: -1,
  nationality_conflict: -1,
};

/** Score given to a NIK match (decisive: one NIK, one registered person). */
export const NIK_MATCH_SCORE = 0.999;
/** Score given to a passport match of the same nationality (decisive). */
export const PASSPORT_MATCH_SCORE = 0.995;

const BIRTH_FEATURE: Record<BirthAgreement, Feature | undefined> = {
  exact: 'birth_exact',
  swapped: 'birth_swapped',
  year_only: 'birth_year_only',
  off_by_one: 'birth_off_by_one',
  same_year: 'birth_same_year',
  conflict: 'birth_conflict',
  unknown: undefined,
};

export function birthFeature(agreement: BirthAgreement): Feature | undefined {
  return BIRTH_FEATURE[agreement];
}

/**
 * The name features: matched information, conflict (information in words both sides have and do not
 * share: two different people), omission (words only one side has: a dropped second name), soft
 * loss (inexact pairs), and conflict and omission again as word counts (a different given name is
 * evidence of another person however common it is).
 */
export function nameFeatures(n: NameAlignment): {
  matched: number;
  conflict: number;
  omission: number;
  soft: number;
  conflictWords: number;
  omittedWords: number;
} {
  return {
    matched: n.matched,
    conflict: Math.min(n.unmatchedA, n.unmatchedB),
    omission: Math.abs(n.unmatchedA - n.unmatchedB),
    soft: n.softLoss,
    conflictWords: Math.min(n.unmatchedWordsA, n.unmatchedWordsB),
    omittedWords: Math.abs(n.unmatchedWordsA - n.unmatchedWordsB),
  };
}

const FEATURE_INDEX = Object.fromEntries(FEATURES.map((f, i) => [f, i])) as Record<Feature, number>;

/** The feature vector of some evidence, in FEATURES order. */
export function featureVector(e: PairEvidence): Float64Array {
  const x = new Float64Array(FEATURES.length);
  const n = nameFeatures(e.name);
  x[0] = 1;
  x[1] = n.matched;
  x[2] = n.conflict;
  x[3] = n.omission;
  x[4] = n.soft;
  x[5] = n.conflictWords;
  x[6] = n.omittedWords;
  const birth = birthFeature(e.birth);
  if (birth !== undefined) x[FEATURE_INDEX[birth]] = 1;
  if (e.sex === 'match') x[FEATURE_INDEX.sex_match] = 1;
  if (e.sex === 'conflict') x[FEATURE_INDEX.sex_conflict] = 1;
  if (e.nik === 'conflict') x[FEATURE_INDEX.nik_conflict] = 1;
  if (e.passport === 'conflict') x[FEATURE_INDEX.passport_conflict] = 1;
  if (e.nationalityConflict) x[FEATURE_INDEX.nationality_conflict] = 1;
  return x;
}

export class Model {
  readonly weights: Float64Array;

  constructor(readonly coefficients: Coefficients = MODEL_COEFFICIENTS) {
    this.weights = Float64Array.from(FEATURES, (f) => coefficients[f]);
  }

  /** The model's name part, used to pick the best pair of names among aliases. */
  nameValue = (n: NameAlignment): number => {
    const f = nameFeatures(n);
    const c = this.coefficients;
    return (
      c.name_matched * f.matched +
      c.name_conflict * f.conflict +
      c.name_omission * f.omission +
      c.name_soft_loss * f.soft +
      c.name_conflict_words * f.conflictWords +
      c.name_omitted_words * f.omittedWords
    );
  };

  /** Log-odds to add for a list of `listSize` entries (0 up to the calibration list's size, then -ln of the ratio). */
  listShift(listSize: number): number {
    return -Math.log(Math.max(1, listSize / CALIBRATION_LIST_SIZE));
  }

  logit(e: PairEvidence, shift = 0): number {
    const x = featureVector(e);
    let z = isDayLevel(e.birth) ? shift * DAY_LEVEL_SHIFT_FACTOR : shift;
    for (let i = 0; i < x.length; i++) z += x[i] * this.weights[i];
    return z;
  }

  /** Probability (0..1) that the pair is one person, on a list shifted by `shift` (listShift); identifiers are decisive. */
  score(e: PairEvidence, shift = 0): number {
    let p = 1 / (1 + Math.exp(-this.logit(e, shift)));
    if (e.nik === 'match') p = Math.max(p, NIK_MATCH_SCORE);
    if (e.passport === 'match' && !e.nationalityConflict) p = Math.max(p, PASSPORT_MATCH_SCORE);
    return p;
  }

  /** The largest contribution a birth agreement in `agreements` can make (0 for unknown). */
  bestBirthTerm(agreements: readonly BirthAgreement[]): number {
    let best = -Infinity;
    for (const a of agreements) {
      const f = birthFeature(a);
      best = Math.max(best, f === undefined ? 0 : this.coefficients[f]);
    }
    return best;
  }

  birthTerm(agreement: BirthAgreement): number {
    const f = birthFeature(agreement);
    return f === undefined ? 0 : this.coefficients[f];
  }
}

/** Share of the list-size shift applied to evidence with a day-level birth agreement (see the file comment). */
export const DAY_LEVEL_SHIFT_FACTOR = 0.5;

/** Birth agreements that pin down a day (only DAY_LEVEL_SHIFT_FACTOR of the list-size shift applies). */
export function isDayLevel(agreement: BirthAgreement): boolean {
  return agreement === 'exact' || agreement === 'swapped' || agreement === 'off_by_one';
}

/** Log-odds of a probability. */
export function logitOf(p: number): number {
  return Math.log(p / (1 - p));
}
