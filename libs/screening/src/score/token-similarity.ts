// How alike two normalised name words are, 0..1, and why. The ladder is deliberately coarse: the
// calibrated model turns the summed evidence into a probability, so this only has to order cases.
import { variantForm } from '../phonetic/phonetic-key.js';
import { editDistance, singleSubstitution } from './string-distance.js';

export type TokenMatchKind = 'exact' | 'variant' | 'typo' | 'initial' | 'none';

export interface TokenSimilarity {
  sim: number;
  kind: TokenMatchKind;
}

const NONE: TokenSimilarity = { sim: 0, kind: 'none' };
const EXACT: TokenSimilarity = { sim: 1, kind: 'exact' };
const INITIAL: TokenSimilarity = { sim: 1, kind: 'initial' };
const VARIANT: TokenSimilarity = { sim: 0.95, kind: 'variant' };

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/** Bit set of the letters a word contains (a = bit 0). */
export function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) mask |= 1 << (word.charCodeAt(i) - 97);
  return mask;
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) n++;
  return n;
}

/**
 * A necessary condition for two different words (compared as variant forms, or as written) to be similar at all (edit distance at
 * most 2 with the lengths the ladder below needs), on their shapes: letters used in bits 0-25 and
 * length in bits 26-30 (see index/vocabulary.ts formShape). Each edit adds or removes at most two
 * letters from the set of letters used. Cheap enough for every candidate pair.
 */
export function mayBeAlike(shapeA: number, shapeB: number): boolean {
  const lengthA = shapeA >>> 26;
  const lengthB = shapeB >>> 26;
  const longest = Math.max(lengthA, lengthB);
  if (longest <= 3 || Math.abs(lengthA - lengthB) > 2) return false;
  return popcount((shapeA ^ shapeB) & 0x3ffffff) <= (longest >= 6 ? 4 : 2);
}

/**
 * Similarity of two normalised words. An initial matches any word with its first letter (its
 * weight, not the word's, then limits what the match is worth). Equal variant forms are spellings
 * of one name (Yusuf/Yusup). One edit is a typo, except between short words and in a vowel that
 * changes the name (Rina/Rini, Yanti/Yanto, Putri/Pitri), which are usually different names.
 */
export function tokenSimilarity(a: string, b: string): TokenSimilarity {
  if (a === b) return EXACT;
  if (a.length === 1 || b.length === 1) {
    const [letter, word] = a.length === 1 ? [a, b] : [b, a];
    if (word.length === 1) return NONE;
    return word[0] === letter || variantForm(word)[0] === letter ? INITIAL : NONE;
  }
  const va = variantForm(a);
  const vb = variantForm(b);
  if (va === vb) return VARIANT;
  // A typo is judged on the written words as well as on their variant forms: the variant form
  // folds sounds (h dropped, ai as e, y as i), which turns one slip in the writing into two or
  // three in the form (Haryadi / Harydai: aryadi / aride), so a plain typo was read as another name
  // (ADR 0014). The closer of the two readings decides.
  const byForm = typoSimilarity(va, vb);
  return byForm.sim > 0 ? byForm : typoSimilarity(a, b);
}

/** The typo ladder on one pair of spellings: one edit, or two in a long word. */
function typoSimilarity(a: string, b: string): TokenSimilarity {
  const longest = Math.max(a.length, b.length);
  if (longest <= 3) return NONE;
  const distance = editDistance(a, b, 2);
  if (distance === 1) {
    const at = singleSubstitution(a, b);
    const vowelSwap = at >= 0 && VOWELS.has(a[at]) && VOWELS.has(b[at]);
    if (vowelSwap && (at === a.length - 1 || longest <= 5)) return { sim: 0.55, kind: 'typo' };
    return { sim: longest === 4 ? 0.7 : 0.85, kind: 'typo' };
  }
  if (distance === 2 && longest >= 8) return { sim: 0.65, kind: 'typo' };
  if (distance === 2 && longest >= 6) return { sim: 0.4, kind: 'typo' };
  return NONE;
}
