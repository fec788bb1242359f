// The words, phonetic keys and variant forms the index knows. Ids are never reused, so posting
// lists can hold plain integers. The neighbourhood (words whose variant form is one edit away, found
// through a symmetric-deletion table as in SymSpell) lets a typo'd word reach the lists of exactly
// those spellings without scanning the vocabulary, whichever letter the typo hit.
import { phoneticKey, variantForm } from '../phonetic/phonetic-key.js';
import { letterMask } from '../score/token-similarity.js';
import { tokenWeight } from '../score/token-weight.js';

/**
 * Neighbours by substitution or transposition, and by a letter too many, need a variant form of at
 * least this length: one changed letter in a short name is usually another name (Adi/Ade,
 * Rina/Rini) and short forms would pull in half the vocabulary.
 */
export const NEIGHBOUR_MIN_LENGTH = 5;
/** A short word may still have lost a letter (Gato/Gatot, Agu/Agus): forms this long are looked up one letter longer. */
export const SHORT_NEIGHBOUR_MIN_LENGTH = 3;

function addIds(into: Set<number>, held: number | number[] | undefined): void {
  if (held === undefined) return;
  if (typeof held === 'number') into.add(held);
  else for (const id of held) into.add(id);
}

function deletions(form: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < form.length; i++) out.add(form.slice(0, i) + form.slice(i + 1));
  return [...out];
}

/**
 * Hot fields of each word, 5 int32 per word in one array (see EntryStore's REC for why): key, form,
 * weight, and the SHAPE of its variant form and of its written form (letters used in bits 0-25,
 * length capped at 31 in bits 26-30) for the cheap similarity prefilter: a typo is judged on both.
 */
export const WORD = { STRIDE: 5, KEY: 0, FORM: 1, WEIGHT: 2, SHAPE: 3, WRITTEN_SHAPE: 4 } as const;

/** A variant form's shape: the letters it uses and its length (see WORD.SHAPE). */
export function formShape(form: string): number {
  return letterMask(form) | (Math.min(form.length, 31) << 26);
}

export class Vocabulary {
  /** WORD.STRIDE ints per word; WEIGHT is read through `hotWeight` (a float32 view of the same memory). */
  hot = new Int32Array(4096 * WORD.STRIDE);
  hotWeight = new Float32Array(this.hot.buffer);

  private readonly tokenIds = new Map<string, number>();
  readonly text: string[] = [];
  readonly weight: number[] = [];
  /** Key id of each word, -1 for initials (they are never looked up by key). */
  readonly keyOf: number[] = [];
  /** Variant-form id of each word, -1 for initials. */
  readonly formOf: number[] = [];
  readonly initial: boolean[] = [];

  private readonly keyIds = new Map<string, number>();
  readonly keyText: string[] = [];
  private readonly formIds = new Map<string, number>();
  /** Key id of each variant form. */
  readonly formKey: number[] = [];
  /** One-letter deletions of variant forms → the id (or ids) of the forms they came from. */
  private readonly deletionTable = new Map<string, number | number[]>();
  private readonly neighbourCache = new Map<string, number[]>();

  get tokenCount(): number {
    return this.text.length;
  }

  get keyCount(): number {
    return this.keyText.length;
  }

  get formCount(): number {
    return this.formKey.length;
  }

  /** The id of a normalised word, adding it if new. */
  intern(word: string): number {
    let id = this.tokenIds.get(word);
    if (id !== undefined) return id;
    id = this.text.length;
    const initial = word.length === 1;
    this.tokenIds.set(word, id);
    this.text.push(word);
    this.initial.push(initial);
    this.weight.push(tokenWeight(word, initial));
    if (initial) {
      this.keyOf.push(-1);
      this.formOf.push(-1);
    } else {
      const key = this.internKey(phoneticKey(word));
      this.keyOf.push(key);
      this.formOf.push(this.internForm(variantForm(word), key));
    }
    if ((id + 1) * WORD.STRIDE > this.hot.length) {
      const hot = new Int32Array(this.hot.length * 2);
      hot.set(this.hot);
      this.hot = hot;
      this.hotWeight = new Float32Array(hot.buffer);
    }
    this.hot[id * WORD.STRIDE + WORD.KEY] = this.keyOf[id];
    this.hot[id * WORD.STRIDE + WORD.FORM] = this.formOf[id];
    this.hotWeight[id * WORD.STRIDE + WORD.WEIGHT] = this.weight[id];
    this.hot[id * WORD.STRIDE + WORD.SHAPE] = initial ? 0 : formShape(variantForm(word));
    this.hot[id * WORD.STRIDE + WORD.WRITTEN_SHAPE] = initial ? 0 : formShape(word);
    return id;
  }

  findToken(word: string): number | undefined {
    return this.tokenIds.get(word);
  }

  findKey(key: string): number | undefined {
    return this.keyIds.get(key);
  }

  private internKey(key: string): number {
    let id = this.keyIds.get(key);
    if (id === undefined) {
      id = this.keyText.length;
      this.keyIds.set(key, id);
      this.keyText.push(key);
    }
    return id;
  }

  private internForm(form: string, key: number): number {
    let id = this.formIds.get(form);
    if (id !== undefined) return id;
    id = this.formKey.length;
    this.formIds.set(form, id);
    this.formKey.push(key);
    if (form.length > SHORT_NEIGHBOUR_MIN_LENGTH) {
      for (const d of deletions(form)) {
        const held = this.deletionTable.get(d);
        if (held === undefined) this.deletionTable.set(d, id);
        else if (typeof held === 'number') this.deletionTable.set(d, [held, id]);
        else held.push(id);
      }
    }
    // A new form may be a neighbour of cached ones.
    if (this.neighbourCache.size > 0) this.neighbourCache.clear();
    return id;
  }

  /**
   * Ids of the known variant forms one edit (insertion, deletion, substitution, transposition) from
   * `form`, not `form` itself.
   */
  neighbours(form: string): readonly number[] {
    if (form.length < SHORT_NEIGHBOUR_MIN_LENGTH) return [];
    const cached = this.neighbourCache.get(form);
    if (cached) return cached;
    const found = new Set<number>();
    addIds(found, this.deletionTable.get(form)); // forms one letter longer
    if (form.length >= NEIGHBOUR_MIN_LENGTH) {
      for (const d of deletions(form)) {
        const shorter = this.formIds.get(d); // forms one letter shorter
        if (shorter !== undefined) found.add(shorter);
        addIds(found, this.deletionTable.get(d)); // substitutions, transpositions
      }
    }
    const own = this.formIds.get(form);
    if (own !== undefined) found.delete(own);
    const list = [...found].sort((a, b) => a - b);
    this.neighbourCache.set(form, list);
    return list;
  }
}
