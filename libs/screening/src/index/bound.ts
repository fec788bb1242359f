// The cheap upper bound of a candidate record's score: from which traveller words share a key or a
// typo-neighbour form with it (bit masks, no string work), how many words each side is then left
// with, and the real birth, sex, identifier and nationality agreement. If even this bound cannot
// reach the entry's listing threshold, the entry is not scored in full. The bound never
// underestimates what the scorer computes, except for words only a compound join could align, so
// pruning changes speed, not results.
import { BIRTH_BY_RANK, compareBirthPacked } from '../identifiers/birth.js';
import type { Model } from '../score/model.js';
import { DAY_LEVEL_SHIFT_FACTOR, isDayLevel, logitOf } from '../score/model.js';
import { POLICY } from '../score/policy.js';
import { mayBeAlike, tokenSimilarity } from '../score/token-similarity.js';
import { EntryStore, FLAG, PATRONYMIC_BIT, REC, TOKEN_MASK } from './entry-store.js';
import { LEGAL_TYPES } from './prepare.js';
import type { PreparedQuery } from './query.js';
import { Vocabulary, WORD } from './vocabulary.js';

/** Log-odds of slack covering the float32 rounding of word weights in the records. */
const BOUND_SLACK = 1e-3;
/** Known words whose similarity rows are cached across screenings (rows are cleared beyond this). */
const SIMILARITY_CACHE_WORDS = 20_000;

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) n++;
  return n;
}

export class CandidateBound {
  /** For the current screening: key id / form id → bits of the traveller words reaching it. */
  keyMask = new Uint32Array(0);
  formMask = new Uint32Array(0);
  /** Listing threshold of each legal type (by code), log-odds. */
  private readonly listLogit: Float64Array;
  /** The model's birth term by agreement rank (BIRTH_BY_RANK). */
  readonly birthTermByRank: Float64Array;
  /** Whether an agreement rank pins down a day (only part of the list-size shift applies). */
  private readonly dayLevel: boolean[];
  /** Known traveller word id → indexed word id → whether the scorer could align them at all. */
  private readonly similarityCache = new Map<number, Map<number, boolean>>();
  /** Bounds computed since construction (a work counter for the bench). */
  checked = 0;
  /** The model's list-size shift for the current screening (log-odds). */
  private shift = 0;

  constructor(
    private readonly store: EntryStore,
    private readonly vocabulary: Vocabulary,
    private readonly model: Model,
  ) {
    this.listLogit = Float64Array.from(LEGAL_TYPES, (t) => logitOf(POLICY[t].list));
    this.birthTermByRank = Float64Array.from(BIRTH_BY_RANK, (b) => model.birthTerm(b));
    this.dayLevel = BIRTH_BY_RANK.map(isDayLevel);
  }

  /** Sets the masks and the list-size shift for a traveller; `release` must follow. */
  mark(query: PreparedQuery, shift: number): void {
    this.shift = shift;
    if (this.keyMask.length < this.vocabulary.keyCount)
      this.keyMask = new Uint32Array(this.vocabulary.keyCount * 2);
    if (this.formMask.length < this.vocabulary.formCount)
      this.formMask = new Uint32Array(this.vocabulary.formCount * 2);
    for (const w of query.readable) {
      for (const k of w.keys) this.keyMask[k] |= w.bit;
      for (const f of w.forms) this.formMask[f] |= w.bit;
    }
  }

  release(query: PreparedQuery): void {
    for (const w of query.readable) {
      for (const k of w.keys) this.keyMask[k] = 0;
      for (const f of w.forms) this.formMask[f] = 0;
    }
  }

  /** Best agreement rank between the traveller's birth dates and a record's packed ones (0 = unknown). */
  birthRank(query: PreparedQuery, a: number, b: number): number {
    if (a === 0) return 0;
    let best = 0;
    for (const q of query.packedBirths) {
      const r = compareBirthPacked(q, a);
      if (r > best) best = r;
      if (b !== 0) {
        const r2 = compareBirthPacked(q, b);
        if (r2 > best) best = r2;
      }
    }
    return best;
  }

  /**
   * Whether the record's name could agree word for word with one of the traveller's names when only
   * names can be compared (ADR 0014): then the pair is listed whatever its score, so the search
   * must score it whatever `mayReach` says. Every record word (not a father's name) shares a key
   * with a traveller word, every word of one of the traveller's names is so reached, and the
   * record's words carry `bar` nats (see `agreeingNameBar`). A record whose NIK or passport the
   * traveller carries too is compared on those, and left to `mayReach`.
   */
  mayAgree(record: number, query: PreparedQuery, bar: number): boolean {
    const rec = this.store.rec;
    const base = record * REC.STRIDE;
    if (query.passportHash !== 0 && rec[base + REC.PASSPORT_HASH] !== 0) return false;
    if (query.nikHash !== 0 && rec[base + REC.NIK_HASH] !== 0) return false;
    const length = rec[base + REC.COUNT];
    if (length > REC.INLINE_WORDS) return true;
    const hot = this.vocabulary.hot;
    const hotWeight = this.vocabulary.hotWeight;
    let hits = 0;
    let weight = 0;
    for (let i = 0; i < length; i++) {
      const value = rec[base + REC.WORDS + i];
      if ((value & PATRONYMIC_BIT) !== 0) continue;
      const h = (value & TOKEN_MASK) * WORD.STRIDE;
      const key = hot[h + WORD.KEY];
      if (key < 0) continue; // an initial pairs with any word
      const mask = this.keyMask[key];
      if (mask === 0) return false;
      hits |= mask;
      weight += hotWeight[h + WORD.WEIGHT];
    }
    // an agreeing name carries at most the record's own words' weight: below the bar it is left to its score
    if (weight + BOUND_SLACK < bar) return false;
    for (let n = 0; n < query.nameMasks.length; n++)
      if (query.nameUnbitWords[n] > 0 || (query.nameMasks[n] & ~hits) === 0) return true;
    return false;
  }

  /** Whether the record could reach its legal type's listing threshold against the traveller. */
  mayReach(record: number, query: PreparedQuery, birthRank: number): boolean {
    this.checked++;
    const rec = this.store.rec;
    const base = record * REC.STRIDE;
    const length = rec[base + REC.COUNT];
    if (length > REC.INLINE_WORDS) return true; // very long names are always scored in full
    const hot = this.vocabulary.hot;
    const hotWeight = this.vocabulary.hotWeight;
    const keyMask = this.keyMask;
    const formMask = this.formMask;
    let hits = 0;
    let hitWeight = 0;
    let hitWords = 0;
    let initialWeight = 0;
    let initials = 0;
    let unhitWords = 0;
    let unhitWeight = 0;
    let unhitAll = 0;
    let patronymics = 0;
    let joined = false;
    for (let i = 0; i < length; i++) {
      const value = rec[base + REC.WORDS + i];
      const h = (value & TOKEN_MASK) * WORD.STRIDE;
      const key = hot[h + WORD.KEY];
      const weight = hotWeight[h + WORD.WEIGHT];
      const patronymic = (value & PATRONYMIC_BIT) !== 0;
      if (patronymic) patronymics++;
      if (key < 0) {
        initialWeight += weight;
        initials++;
        continue;
      }
      if (query.joinedKeys.size > 0 && query.joinedKeys.has(key)) joined = true;
      const mask = keyMask[key] | formMask[hot[h + WORD.FORM]];
      if (mask !== 0) {
        hits |= mask;
        hitWeight += weight;
        hitWords++;
      } else {
        unhitWeight += weight;
        unhitAll++;
        if (!patronymic) unhitWords++;
      }
    }

    const need =
      this.listLogit[(rec[base + REC.FLAGS] >> FLAG.LEGAL_SHIFT) & 3] -
      this.rest(record, query, birthRank, length, patronymics, joined) -
      BOUND_SLACK;
    const shape = { initialWeight, initials, words: length - patronymics, joined };
    // 1. As if no unshared words were typos of each other: if this passes, more matching only helps.
    if (this.nameBound(query, shape, hits, hitWeight, hitWords, unhitWords) >= need) return true;
    const open = query.allBits & ~hits;
    if (unhitWords === 0 || open === 0) return false;
    // 2. As if every unshared word found a typo partner: if even this fails, nothing can.
    if (this.nameBound(query, shape, hits | open, hitWeight + unhitWeight, hitWords + unhitAll, 0) < need)
      return false;
    // 3. Otherwise find out which really are alike (the scorer would align them as typos).
    let softBits = 0;
    let softWeight = 0;
    let softWords = 0;
    let softAll = 0;
    for (let i = 0; i < length; i++) {
      const value = rec[base + REC.WORDS + i];
      const id = value & TOKEN_MASK;
      const h = id * WORD.STRIDE;
      const key = hot[h + WORD.KEY];
      if (key < 0 || (keyMask[key] | formMask[hot[h + WORD.FORM]]) !== 0) continue;
      let alike = false;
      for (let b = 0; b < query.words.length; b++) {
        if ((open & (1 << b)) !== 0 && (this.alike(query, b, id) || this.mayJoin(query, b, record, i))) {
          softBits |= 1 << b;
          alike = true;
        }
      }
      if (alike) {
        softWeight += hotWeight[h + WORD.WEIGHT];
        softAll++;
        if ((value & PATRONYMIC_BIT) === 0) softWords++;
      }
    }
    return (
      this.nameBound(
        query,
        shape,
        hits | softBits,
        hitWeight + softWeight,
        hitWords + softAll,
        unhitWords - softWords,
      ) >= need
    );
  }

  /**
   * Whether record words `i` and `i + 1`, written together, may be traveller word `b` with a slip
   * in it: the normaliser splits a compound only when both parts are known (Wahyu|ningsih, Tri|yanto),
   * so a typo in the second part leaves the traveller's word whole (Wahyunigsih, Triyanteo), and the
   * scorer's joined pairs still align it. Checked only where the cheap bounds could not decide, on
   * the written prefix (or the earlier word's own prefix when `i` is the second part).
   */
  private mayJoin(query: PreparedQuery, b: number, record: number, i: number): boolean {
    const text = query.words[b].text;
    const rec = this.store.rec;
    const base = record * REC.STRIDE;
    const length = rec[base + REC.COUNT];
    const v = this.vocabulary;
    const wordAt = (k: number) => v.text[rec[base + REC.WORDS + k] & TOKEN_MASK];
    const starts = (k: number) =>
      k >= 0 && k + 1 < length && text.length >= wordAt(k).length + 3 && text.startsWith(wordAt(k));
    return starts(i) || starts(i - 1);
  }

  /** The model's terms other than the matched name words: bias, birth, sex, identifiers, nationality, omitted words. */
  private rest(
    record: number,
    query: PreparedQuery,
    birthRank: number,
    length: number,
    patronymics: number,
    joined: boolean,
  ): number {
    const rec = this.store.rec;
    const base = record * REC.STRIDE;
    const flags = rec[base + REC.FLAGS];
    const slot = rec[base + REC.SLOT];
    const c = this.model.coefficients;
    const view = query.view;
    let rest =
      c.bias +
      (this.dayLevel[birthRank] ? this.shift * DAY_LEVEL_SHIFT_FACTOR : this.shift) +
      this.birthTermByRank[birthRank];
    const sex = flags & FLAG.SEX_MASK;
    if (sex !== 0 && view.sex !== undefined)
      rest += (sex === 1) === (view.sex === 'M') ? c.sex_match : c.sex_conflict;
    // different hashes are different identifiers; equal hashes are (almost surely) a match, which
    // the exact lookups took already: either way no conflict is assumed, an upper bound stays one
    const nikHash = rec[base + REC.NIK_HASH];
    if (nikHash !== 0 && query.nikHash !== 0 && nikHash !== query.nikHash) rest += c.nik_conflict;
    const passportHash = rec[base + REC.PASSPORT_HASH];
    if (passportHash !== 0 && query.passportHash !== 0 && passportHash !== query.passportHash)
      rest += c.passport_conflict;
    const foreign = (flags & FLAG.FOREIGN) !== 0;
    if (
      foreign !== (view.nationality !== 'IDN') ||
      (foreign && this.store.nationality[slot] !== view.nationality)
    ) {
      rest += c.nationality_conflict;
    }
    // Without compounds every aligned pair takes one word from each side, so the difference in
    // word counts stays (up to father's names, which may pair with anything): omitted words.
    if (!joined) {
      const recordWords = length - patronymics;
      let omitted = Infinity;
      for (let n = 0; n < query.nameWords.length; n++) {
        const d = Math.abs(query.nameWords[n] - recordWords) - query.namePatronymics[n] - patronymics;
        if (d < omitted) omitted = d;
      }
      if (omitted > 0 && omitted !== Infinity) rest += c.name_omitted_words * omitted;
    }
    return rest;
  }

  /**
   * Upper bound of the name terms when the traveller words `reached` found partners among
   * `recordReachedWords` record words weighing `recordReached`, with `recordWordsLeft` of the
   * record's words (not father's names) reached by nothing.
   */
  private nameBound(
    query: PreparedQuery,
    shape: { initialWeight: number; initials: number; words: number; joined: boolean },
    reached: number,
    recordReached: number,
    recordReachedWords: number,
    recordWordsLeft: number,
  ): number {
    let queryReached = 0;
    for (let b = 0, r = reached; r !== 0; b++, r >>>= 1) if ((r & 1) !== 0) queryReached += query.weights[b];
    const matched = Math.min(
      queryReached + query.unlistedWeight + shape.initialWeight,
      recordReached + shape.initialWeight + query.unlistedWeight,
    );
    // Words that stay unshared on each side: those nothing reached, and those beyond the pairs that
    // can be formed (each pair takes one word from each side, whatever bits reached it: Sri and Sari
    // share a key, yet one record word pairs with only one of them). Initials pair with anything.
    // (a compound pairs two words with one: then only the unreached count)
    const pairsForQuery = shape.joined ? Infinity : recordReachedWords + shape.initials + query.initials;
    let queryWordsLeft = Infinity;
    for (let n = 0; n < query.nameMasks.length; n++) {
      const unreached = popcount(query.nameMasks[n] & ~reached) + query.nameUnbitWords[n] - shape.initials;
      const left = Math.max(unreached, query.nameWords[n] - pairsForQuery);
      if (left < queryWordsLeft) queryWordsLeft = left;
    }
    const pairsForRecord =
      shape.joined || query.unlistedWeight > 0
        ? Infinity
        : popcount(reached) + query.initials + shape.initials;
    const recordLeft = Math.max(recordWordsLeft - query.initials, shape.words - pairsForRecord);
    const conflictWords = Math.max(0, Math.min(queryWordsLeft, recordLeft));
    const c = this.model.coefficients;
    return c.name_matched * matched + c.name_conflict_words * conflictWords;
  }

  /**
   * Whether traveller word `b` and indexed word `id` have any similarity for the scorer. The letter
   * prefilter settles most pairs; the rest are cached per known word pair across screenings.
   */
  private alike(query: PreparedQuery, b: number, id: number): boolean {
    const word = query.words[b];
    const v = this.vocabulary;
    const h = id * WORD.STRIDE;
    if (
      !mayBeAlike(word.shape, v.hot[h + WORD.SHAPE]) &&
      !mayBeAlike(word.writtenShape, v.hot[h + WORD.WRITTEN_SHAPE])
    )
      return false;
    let row = word.alike;
    if (row === undefined) {
      if (word.id >= 0) {
        row = this.similarityCache.get(word.id);
        if (row === undefined) {
          if (this.similarityCache.size >= SIMILARITY_CACHE_WORDS) this.similarityCache.clear();
          this.similarityCache.set(word.id, (row = new Map()));
        }
      } else {
        row = new Map();
      }
      word.alike = row;
    }
    let alike = row.get(id);
    if (alike === undefined) {
      alike = tokenSimilarity(word.text, v.text[id]).sim > 0;
      row.set(id, alike);
    }
    return alike;
  }
}
