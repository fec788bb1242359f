// Finds the entries worth scoring in full for a traveller, without scanning the list and without
// trusting the first letter (Djoko/Joko, Jusuf/Yusuf):
//
// 1. NIK and passport number, looked up exactly (passport after O/0 and I/1 folding).
// 2. Entries born on a date that agrees well with the traveller's (the same day, day and month
//    swapped, the same day a year off): a few dozen entries even among a million, whatever the name.
// 3. Entries sharing sound-alike words, read from the inverted lists of the words' phonetic keys and
//    typo-neighbour forms, in stages by birth agreement, each with its own best case:
//    - a placeholder birth date in the traveller's year (1 January, 31 December: registers write
//      them when only the year is known): per key and year lists of those entries only;
//    - same year, another day: only the traveller's year lists of common keys are read;
//    - no birth data on the entry: the name must carry it all, so a candidate shares two words
//      (pair lists) or one word rare enough alone;
//    - another year: the model's birth conflict makes this nearly always impossible, and skipped.
//    Prefix filtering: words are read cheapest first, only until what is left unread could not
//    reach the lowest listing threshold on its own, so a common word (Siti, Muhammad) alone never
//    makes anyone read its huge list.
// 4. Every candidate record gets the cheap bound (bound.ts) before it is scored in full.
//
// The candidates depend only on the traveller and the live entries, never on the order of updates.
import { BIRTH_BY_RANK, isPlaceholder } from '../identifiers/birth.js';
import type { Model } from '../score/model.js';
import { logitOf } from '../score/model.js';
import { MIN_LIST_SCORE, agreeingNameBar } from '../score/policy.js';
import type { CandidateBound } from './bound.js';
import { EntryStore, FLAG, REC, recordSeconds } from './entry-store.js';
import type { IntList } from './int-list.js';
import type { Postings } from './postings.js';
import type { PreparedQuery, QueryWord } from './query.js';
import type { Vocabulary } from './vocabulary.js';

/** Key of the birth-date lists: two-digit year, month, day (a NIK gives no century). */
export function birthDateKey(yearOfCentury: number, month: number, day: number): number {
  return (yearOfCentury * 100 + month) * 100 + day;
}

export interface ExactLookups {
  /** Slot, or slots, by NIK and by passport key. */
  byNik: ReadonlyMap<string, number | readonly number[]>;
  byPassport: ReadonlyMap<string, number | readonly number[]>;
}

function slotsOf(held: number | readonly number[] | undefined): readonly number[] {
  return held === undefined ? [] : typeof held === 'number' ? [held] : held;
}

type Stage = 'birth_date' | 'year_only' | 'same_year' | 'no_birth' | 'far_birth' | 'any';

/** A posting list to read; `filtered` when it may hold records of other stages. */
interface ReadList {
  list: IntList;
  filtered: boolean;
}

/**
 * Typo-neighbour spellings are read only when this rare: a typo'd spelling is rare, while a long
 * neighbour list is another common name (Rina for Rini), which the cheap bound would discard anyway.
 */
export const MAX_NEIGHBOUR_LIST = 64;

const RANK_CONFLICT = BIRTH_BY_RANK.indexOf('conflict');
const RANK_SAME_YEAR = BIRTH_BY_RANK.indexOf('same_year');
const RANK_YEAR_ONLY = BIRTH_BY_RANK.indexOf('year_only');

export class CandidateSearch {
  private slotStamp = new Uint32Array(0);
  private stamp = 0;
  /** The screening's instant, epoch ms. */
  private now = 0;
  /** The model's list-size shift for this screening (log-odds, see Model.listShift). */
  private shift = 0;
  /** agreeingNameBar for the list's size, set per screening. */
  private agreeBar = Infinity;
  /** Work counters since construction (for the bench): counts, no data. */
  readonly work = { screenings: 0, recordsRead: 0, dateCandidates: 0 };

  constructor(
    private readonly store: EntryStore,
    private readonly vocabulary: Vocabulary,
    private readonly postings: Postings,
    private readonly lookups: ExactLookups,
    private readonly model: Model,
    private readonly bound: CandidateBound,
  ) {}

  /**
   * Slots of the active entries worth scoring in full. `exhaustive` reads every list of every word
   * and skips the bounds (calibration: the model being fitted must not choose its own data).
   */
  find(query: PreparedQuery, now: number, exhaustive: boolean, shift: number): number[] {
    this.shift = shift;
    this.agreeBar = agreeingNameBar(this.store.size);
    this.nextStamp();
    this.work.screenings++;
    const slots: number[] = [];
    this.now = now;
    const nowSeconds = recordSeconds(now, 'floor');
    const take = (slot: number) => {
      if (this.slotStamp[slot] === this.stamp || !this.store.isActive(slot, now)) return;
      this.markSlot(slot);
      slots.push(slot);
    };
    if (query.view.nik !== undefined)
      for (const s of slotsOf(this.lookups.byNik.get(query.view.nik))) take(s);
    if (query.view.passport !== undefined)
      for (const s of slotsOf(this.lookups.byPassport.get(query.view.passport))) take(s);
    this.bound.mark(query, shift);
    try {
      if (query.years.length > 0) {
        this.readBirthDates(query, nowSeconds, exhaustive, slots);
        for (const stage of ['year_only', 'same_year', 'no_birth', 'far_birth'] as const) {
          this.readStage(stage, query, nowSeconds, exhaustive, slots);
        }
      } else {
        this.readStage('any', query, nowSeconds, exhaustive, slots);
      }
      // only a name rare enough for the list is listed on its agreement alone (ADR 0014)
      if (query.agreeable) this.readNameOnlyEntries(query, slots);
    } finally {
      this.bound.release(query);
    }
    return slots;
  }

  /**
   * Entries known by name only (no birth date, NIK or passport) whose name may agree with the
   * traveller's and is rare enough for the list, whatever the bound says: such a name is a referral
   * however long the list (ADR 0013, 0014), so neither the prefix filter nor the list-size shift may
   * hide it. Read from the no-birth pair lists, which stay short even for common pairs; two words
   * of one key (Putri Fitri) are left to the stages, as the key's whole no-birth list is long.
   */
  private readNameOnlyEntries(query: PreparedQuery, slots: number[]): void {
    const keysOf = query.readable.map((word) => {
      const keys = new Set(word.keys);
      if (word.rare) for (const f of word.forms) keys.add(this.vocabulary.formKey[f]);
      return [...keys];
    });
    const rec = this.store.rec;
    for (let i = 0; i < keysOf.length; i++) {
      for (let j = i + 1; j < keysOf.length; j++) {
        for (const a of keysOf[i]) {
          for (const b of keysOf[j]) {
            if (a === b) continue;
            const list = this.postings.pair(a, b);
            if (!list) continue;
            const data = list.data;
            this.work.recordsRead += list.length;
            for (let k = 0, n = list.length; k < n; k++) {
              const slot = rec[data[k] * REC.STRIDE + REC.SLOT];
              if (this.slotStamp[slot] === this.stamp) continue;
              if (this.store.nik[slot] !== undefined || this.store.passport[slot] !== undefined) continue;
              if (!this.bound.mayAgree(data[k], query, this.agreeBar)) continue;
              if (!this.store.isActive(slot, this.now)) continue;
              this.markSlot(slot);
              slots.push(slot);
            }
          }
        }
      }
    }
  }

  private nextStamp(): void {
    if (this.slotStamp.length < this.store.slotCapacity)
      this.slotStamp = new Uint32Array(this.store.slotCapacity * 2);
    if (this.stamp >= 0x7ffffff0) {
      // record stamps live in an Int32Array: start over well before they would wrap
      const rec = this.store.rec;
      for (let i = REC.STAMP; i < rec.length; i += REC.STRIDE) rec[i] = 0;
      this.slotStamp.fill(0);
      this.stamp = 0;
    }
    this.stamp++;
  }

  /**
   * Whether the record's entry is valid and not revoked now. The record holds its window in whole
   * seconds, widened outwards; only in a boundary second is the exact instant checked.
   */
  private active(base: number, slot: number, nowSeconds: number): boolean {
    const rec = this.store.rec;
    const from = rec[base + REC.FROM];
    const until = rec[base + REC.UNTIL];
    if (nowSeconds < from || nowSeconds >= until) return false;
    return (nowSeconds !== from && nowSeconds + 1 < until) || this.store.isActive(slot, this.now);
  }

  /** Marks a slot and its records as decided in this screening. */
  private markSlot(slot: number): void {
    this.slotStamp[slot] = this.stamp;
    const rec = this.store.rec;
    for (const r of this.store.records[slot]) rec[r * REC.STRIDE + REC.STAMP] = this.stamp;
  }

  private readBirthDates(
    query: PreparedQuery,
    nowSeconds: number,
    exhaustive: boolean,
    slots: number[],
  ): void {
    const wanted = new Set<number>();
    for (const b of query.births) {
      if (isPlaceholder(b)) continue; // a placeholder only says the year: the year stages cover it
      const y = b.yearOfCentury;
      wanted.add(birthDateKey(y, b.month, b.day));
      if (b.day <= 12) wanted.add(birthDateKey(y, b.day, b.month));
      wanted.add(birthDateKey((y + 1) % 100, b.month, b.day));
      wanted.add(birthDateKey((y + 99) % 100, b.month, b.day));
    }
    const lists: ReadList[] = [];
    for (const key of [...wanted].sort((a, b) => a - b)) {
      const list = this.postings.byBirthDate.get(key);
      if (list) lists.push({ list, filtered: false });
    }
    this.readLists('birth_date', lists, query, nowSeconds, exhaustive, slots);
  }

  /** The best birth term an entry of a stage can have. */
  private stageBirthTerm(stage: Stage, query: PreparedQuery): number {
    if (stage === 'year_only') return this.model.birthTerm('year_only');
    if (stage === 'same_year') {
      // another day of the same year; or only the year agrees because the traveller's date is a placeholder
      const placeholder = query.births.some(
        (b) => (b.day === 1 && b.month === 1) || (b.day === 31 && b.month === 12),
      );
      return this.model.bestBirthTerm(placeholder ? ['same_year', 'year_only'] : ['same_year']);
    }
    if (stage === 'far_birth') return this.model.birthTerm('conflict');
    return 0; // unknown
  }

  private static inStage(stage: Stage, birthRank: number, entryHasBirth: boolean): boolean {
    if (stage === 'year_only') return birthRank === RANK_YEAR_ONLY;
    if (stage === 'same_year') return birthRank === RANK_SAME_YEAR || birthRank === RANK_YEAR_ONLY;
    if (stage === 'far_birth') return birthRank === RANK_CONFLICT;
    if (stage === 'no_birth') return !entryHasBirth;
    return true;
  }

  private readStage(
    stage: Stage,
    query: PreparedQuery,
    nowSeconds: number,
    exhaustive: boolean,
    slots: number[],
  ): void {
    const c = this.model.coefficients;
    const total = query.words.reduce((sum, w) => sum + w.weight, 0) + query.unlistedWeight;
    // the smallest matched name weight (nats) that could still reach the lowest listing threshold
    const need = exhaustive
      ? -Infinity
      : (logitOf(MIN_LIST_SCORE) -
          c.bias -
          this.shift -
          this.stageBirthTerm(stage, query) -
          Math.max(0, c.sex_match)) /
        c.name_matched;
    // A traveller with no date of birth or NIK is compared with most entries on names alone, and an
    // agreeing name rare enough for the list is then listed whatever its score (ADR 0014): every
    // such entry holds the traveller's cheapest word, so that word's lists are read even when no
    // score could reach the threshold, keeping the entries whose names may agree. A name below the
    // bar (shared by chance with some entry) cannot be listed this way, and nothing extra is read.
    const namesOnly = stage === 'any' && query.readable.length > 0 && query.nikHash === 0 && query.agreeable;
    if (need > total) {
      if (namesOnly) this.readAgreeing(query, nowSeconds, slots);
      return;
    }
    if (stage === 'no_birth' && need > 0) {
      this.readNoBirthPairs(query, nowSeconds, need, slots);
      return;
    }
    let unread = total;
    for (const word of query.readable) {
      if (unread < need) break; // what is left unread cannot reach the threshold on its own
      unread -= word.weight;
      this.readLists(
        stage,
        this.wordLists(stage, word, query),
        query,
        nowSeconds,
        exhaustive,
        slots,
        namesOnly,
      );
    }
  }

  /** The cheapest word's lists, keeping only entries whose names may agree with the traveller's. */
  private readAgreeing(query: PreparedQuery, nowSeconds: number, slots: number[]): void {
    const word = query.readable[0];
    const lists = word.keys.flatMap((key) => this.keyLists('any', key, query.years));
    this.readLists('any', lists, query, nowSeconds, false, slots, true);
  }

  /**
   * Entries without birth data can only match on the name: a candidate shares two of the
   * traveller's words (the pair lists), or one word that could reach `need` nats alone.
   */
  private readNoBirthPairs(query: PreparedQuery, nowSeconds: number, need: number, slots: number[]): void {
    const alone = need - query.unlistedWeight;
    const pairKeys: number[][] = [];
    for (const word of query.readable) {
      if (word.weight >= alone) {
        this.readLists('no_birth', this.wordLists('no_birth', word, query), query, nowSeconds, false, slots);
      } else {
        const keys = new Set(word.keys);
        if (word.rare) for (const f of word.forms) keys.add(this.vocabulary.formKey[f]);
        pairKeys.push([...keys]);
      }
    }
    const lists: ReadList[] = [];
    for (let i = 0; i < pairKeys.length; i++) {
      for (let j = i + 1; j < pairKeys.length; j++) {
        for (const a of pairKeys[i]) {
          for (const b of pairKeys[j]) {
            // two words of one key (Putri Fitri): any record with that key may hold both
            const list = a === b ? this.postings.noBirth[a] : this.postings.pair(a, b);
            if (list && list.length > 0) lists.push({ list, filtered: false });
          }
        }
      }
    }
    this.readLists('no_birth', lists, query, nowSeconds, false, slots);
  }

  /** The lists of one traveller word in a stage: its keys' lists and its typo neighbours' forms. */
  private wordLists(stage: Stage, word: QueryWord, query: PreparedQuery): ReadList[] {
    const lists = word.keys.flatMap((key) => this.keyLists(stage, key, query.years));
    for (const form of word.rare ? word.forms : []) {
      const list = this.postings.byForm[form];
      if (list && list.length > 0 && list.length <= MAX_NEIGHBOUR_LIST)
        lists.push({ list, filtered: stage !== 'any' });
    }
    return lists;
  }

  private keyLists(stage: Stage, key: number, years: readonly number[]): ReadList[] {
    const all = this.postings.all[key];
    if (!all || all.length === 0) return [];
    if (stage === 'year_only') {
      const out: ReadList[] = [];
      for (const y of years) {
        const list = this.postings.placeholder(key, y);
        if (list) out.push({ list, filtered: true });
      }
      return out;
    }
    if (stage === 'any') return [{ list: all, filtered: false }];
    if (stage === 'no_birth') {
      const nb = this.postings.noBirth[key];
      return nb ? [{ list: nb, filtered: false }] : [];
    }
    const split = this.postings.years(key);
    if (stage === 'same_year' && split) {
      const out: ReadList[] = [];
      for (const y of years) {
        const list = split.get(y);
        if (list) out.push({ list, filtered: true });
      }
      return out;
    }
    return [{ list: all, filtered: true }];
  }

  private readLists(
    stage: Stage,
    lists: readonly ReadList[],
    query: PreparedQuery,
    nowSeconds: number,
    exhaustive: boolean,
    slots: number[],
    keepAgreeing = false,
  ): void {
    const stamp = this.stamp;
    const rec = this.store.rec;
    for (const { list, filtered } of lists) {
      const data = list.data;
      this.work.recordsRead += list.length;
      for (let i = 0, n = list.length; i < n; i++) {
        const record = data[i];
        const base = record * REC.STRIDE;
        if (rec[base + REC.STAMP] === stamp) continue;
        const slot = rec[base + REC.SLOT];
        if ((rec[base + REC.FLAGS] & FLAG.SHARED_SLOT) !== 0 && this.slotStamp[slot] === stamp) continue;
        const birthA = rec[base + REC.BIRTH_A];
        const birth = this.bound.birthRank(query, birthA, rec[base + REC.BIRTH_B]);
        if (filtered && !CandidateSearch.inStage(stage, birth, birthA !== 0)) continue;
        rec[base + REC.STAMP] = stamp;
        if (!this.active(base, slot, nowSeconds)) continue;
        if (
          exhaustive ||
          this.bound.mayReach(record, query, birth) ||
          (keepAgreeing && this.bound.mayAgree(record, query, this.agreeBar))
        ) {
          this.markSlot(slot);
          slots.push(slot);
        }
      }
    }
  }
}
