// Aligns the words of two names, one-to-one and in any order (token order varies between
// documents), and measures the agreement in nats of identifying information: a matched rare word is
// strong evidence, a matched Muhammad weak; a word only one side has is an omission (common:
// dropped second names, mononyms), words both sides have but do not share are a conflict (two
// different people sharing a common name word). Adjacent words may match one written together
// (Kurnia Sari / Kurniasari), which the normaliser's compound rules did not catch.
import type { TokenSimilarity } from './token-similarity.js';

export interface ScoredToken {
  text: string;
  /** Identifying information in nats (see token-weight.ts). */
  weight: number;
  initial: boolean;
  patronymic: boolean;
  respelled: boolean;
}

/** Bit flags for the reasons a name alignment can give. */
export const NAME_FLAGS = {
  exact: 1,
  spelling: 2,
  typo: 4,
  initial: 8,
  compound: 16,
  order: 32,
  missing: 64,
  conflict: 128,
} as const;

export interface NameAlignment {
  /** Sum over aligned pairs of similarity × the smaller weight (nats). */
  matched: number;
  /** Sum over aligned pairs of (1 − similarity) × the smaller weight: what inexact pairs leave unexplained. */
  softLoss: number;
  /** Weights of the words each side has and the other lacks (father's names count 30%). */
  unmatchedA: number;
  unmatchedB: number;
  /** How many words (not father's names) each side has that the other lacks. */
  unmatchedWordsA: number;
  unmatchedWordsB: number;
  flags: number;
}

/** A father's name (after bin/binti) is often left out, so its absence costs little. */
const PATRONYMIC_ABSENCE = 0.3;
/** Joined words must match closely to count (a loose match of a long joined string means little). */
const MIN_JOIN_SIMILARITY = 0.85;

interface Pair {
  a: number[];
  b: number[];
  sim: number;
  weight: number;
  value: number;
  kind: TokenSimilarity['kind'];
}

export type SimilarityFn = (a: string, b: string) => TokenSimilarity;

function joinPairs(
  x: readonly ScoredToken[],
  y: readonly ScoredToken[],
  similarity: SimilarityFn,
  xIsA: boolean,
): Pair[] {
  const pairs: Pair[] = [];
  for (let i = 0; i + 1 < x.length; i++) {
    if (x[i].initial || x[i + 1].initial) continue;
    const joined = x[i].text + x[i + 1].text;
    for (let j = 0; j < y.length; j++) {
      if (y[j].initial) continue;
      const s = similarity(joined, y[j].text);
      if (s.sim < MIN_JOIN_SIMILARITY) continue;
      const weight = Math.min(x[i].weight + x[i + 1].weight, y[j].weight);
      const pair = { sim: s.sim, weight, value: s.sim * weight, kind: s.kind };
      pairs.push(xIsA ? { ...pair, a: [i, i + 1], b: [j] } : { ...pair, a: [j], b: [i, i + 1] });
    }
  }
  return pairs;
}

/** Aligns name `a` (the traveller's) with name `b` (the entry's). Deterministic: ties break by position. */
export function alignNames(
  a: readonly ScoredToken[],
  b: readonly ScoredToken[],
  similarity: SimilarityFn,
): NameAlignment {
  const pairs: Pair[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const s = similarity(a[i].text, b[j].text);
      if (s.sim <= 0) continue;
      const weight = Math.min(a[i].weight, b[j].weight);
      pairs.push({ a: [i], b: [j], sim: s.sim, weight, value: s.sim * weight, kind: s.kind });
    }
  }
  if (a.length > 1 || b.length > 1) {
    pairs.push(...joinPairs(a, b, similarity, true), ...joinPairs(b, a, similarity, false));
  }
  pairs.sort((p, q) => q.value - p.value || p.a[0] - q.a[0] || p.b[0] - q.b[0]);
  const first = alignPairs(a, b, pairs);
  // A father's name (after bin/binti) standing in for the other side's own name is evidence only
  // beside the person's own words: Marsyud bin Syarifuddin is not Syarifuddin. When nothing else
  // pairs, the names are aligned again without such pairs (ADR 0014).
  if (first.pairs.length > 0 && first.pairs.every((p) => isMixed(a, b, p)))
    return alignPairs(
      a,
      b,
      pairs.filter((p) => !isMixed(a, b, p)),
    ).alignment;
  return first.alignment;
}

/** A pair of a father's name on one side with a person's own name on the other. */
function isMixed(a: readonly ScoredToken[], b: readonly ScoredToken[], p: Pair): boolean {
  const pa = p.a.some((i) => a[i].patronymic);
  const pb = p.b.some((j) => b[j].patronymic);
  return pa !== pb;
}

/** Greedy one-to-one alignment over pairs sorted best first. */
function alignPairs(
  a: readonly ScoredToken[],
  b: readonly ScoredToken[],
  pairs: readonly Pair[],
): { alignment: NameAlignment; pairs: Pair[] } {
  const taken: Pair[] = [];
  const usedA = new Uint8Array(a.length);
  const usedB = new Uint8Array(b.length);
  let matched = 0;
  let softLoss = 0;
  let flags = 0;
  const order: Array<[number, number]> = [];
  for (const p of pairs) {
    if (p.a.some((i) => usedA[i]) || p.b.some((j) => usedB[j])) continue;
    for (const i of p.a) usedA[i] = 1;
    for (const j of p.b) usedB[j] = 1;
    taken.push(p);
    matched += p.value;
    softLoss += p.weight - p.value;
    order.push([p.a[0], p.b[0]]);
    if (p.a.length > 1 || p.b.length > 1) flags |= NAME_FLAGS.compound;
    if (p.kind === 'variant') flags |= NAME_FLAGS.spelling;
    else if (p.kind === 'typo') flags |= NAME_FLAGS.typo;
    else if (p.kind === 'initial') flags |= NAME_FLAGS.initial;
    else if (
      p.kind === 'exact' &&
      p.a.length === 1 &&
      p.b.length === 1 &&
      a[p.a[0]].respelled !== b[p.b[0]].respelled
    ) {
      flags |= NAME_FLAGS.spelling;
    }
  }

  const unmatched = (tokens: readonly ScoredToken[], used: Uint8Array) => {
    let sum = 0;
    let words = 0;
    tokens.forEach((t, i) => {
      if (used[i]) return;
      sum += t.patronymic ? t.weight * PATRONYMIC_ABSENCE : t.weight;
      if (!t.patronymic) words++;
    });
    return { sum, words, plain: words > 0 };
  };
  const ua = unmatched(a, usedA);
  const ub = unmatched(b, usedB);

  order.sort((x, y) => x[0] - y[0]);
  for (let k = 1; k < order.length; k++) if (order[k][1] < order[k - 1][1]) flags |= NAME_FLAGS.order;
  if (ua.plain && ub.plain) flags |= NAME_FLAGS.conflict;
  else if (ua.sum > 0 || ub.sum > 0) flags |= NAME_FLAGS.missing;
  const allExact = flags === 0 && order.length > 0 && pairs.length > 0 && ua.sum === 0 && ub.sum === 0;
  if (allExact) flags |= NAME_FLAGS.exact;

  return {
    alignment: {
      matched,
      softLoss,
      unmatchedA: ua.sum,
      unmatchedB: ub.sum,
      unmatchedWordsA: ua.words,
      unmatchedWordsB: ub.words,
      flags,
    },
    pairs: taken,
  };
}
