// The evidence that a traveller and a watchlist entry are the same person, gathered field by field.
// Pure functions over prepared persons, shared by the index (for every candidate) and by the
// calibration tool (so the model is fitted on exactly what screening computes).
import { compareBirth, type BirthAgreement, type BirthDate } from '../identifiers/birth.js';
import type { Sex } from '../types.js';
import { alignNames, type NameAlignment, type ScoredToken, type SimilarityFn } from './name-alignment.js';

/** A person as the scorer sees them: weighted name words, birth dates, identifiers. Personal data. */
export interface PersonView {
  /** The full name first, then the aliases; each a list of weighted words. */
  names: ScoredToken[][];
  births: BirthDate[];
  /** Stated sex, else the NIK's. */
  sex?: Sex;
  nik?: string;
  /** Comparison form (identifiers/passport.ts). */
  passport?: string;
  nationality: string;
}

export type Agreement = 'match' | 'conflict' | 'unknown';

export interface PairEvidence {
  name: NameAlignment;
  /** True when the best name pair used an alias on either side. */
  alias: boolean;
  birth: BirthAgreement;
  sex: Agreement;
  nik: Agreement;
  passport: Agreement;
  nationalityConflict: boolean;
}

function agreement<T>(a: T | undefined, b: T | undefined): Agreement {
  if (a === undefined || b === undefined) return 'unknown';
  return a === b ? 'match' : 'conflict';
}

/** Scores a name alignment for choosing among alias pairs: higher is better (the model's name part). */
export type NameValue = (alignment: NameAlignment) => number;

const EMPTY_ALIGNMENT: NameAlignment = {
  matched: 0,
  softLoss: 0,
  unmatchedA: 0,
  unmatchedB: 0,
  unmatchedWordsA: 0,
  unmatchedWordsB: 0,
  flags: 0,
};

/** Gathers the evidence between a traveller (a) and an entry (b), keeping the best pair of names. */
export function gatherEvidence(
  a: PersonView,
  b: PersonView,
  similarity: SimilarityFn,
  nameValue: NameValue,
): PairEvidence {
  let best = EMPTY_ALIGNMENT;
  let bestValue = -Infinity;
  let alias = false;
  for (let i = 0; i < a.names.length; i++) {
    for (let j = 0; j < b.names.length; j++) {
      if (a.names[i].length === 0 || b.names[j].length === 0) continue;
      const alignment = alignNames(a.names[i], b.names[j], similarity);
      const value = nameValue(alignment);
      if (value > bestValue) {
        best = alignment;
        bestValue = value;
        alias = i > 0 || j > 0;
      }
    }
  }
  return {
    name: best,
    alias,
    birth: compareBirth(a.births, b.births),
    sex: agreement(a.sex, b.sex),
    nik: agreement(a.nik, b.nik),
    passport: agreement(a.passport, b.passport),
    nationalityConflict: a.nationality !== b.nationality,
  };
}
