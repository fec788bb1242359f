// Inverted lists from phonetic keys to name records, in three families so a query reads only the
// part of a common key it needs: ALL (every record), NO_BIRTH (records of entries with no birth data)
// and, for keys common enough to be worth it, one list per two-digit birth year. A checkpoint
// traveller always has a date of birth, so a common name (Agus, Siti) costs only the entries born
// within a year of the traveller plus those without a birth date.
import { IntList } from './int-list.js';

/** A key's ALL list gets per-year lists once it is this long (smaller lists are cheap to read whole). */
export const YEAR_SPLIT_MIN = 256;

export class Postings {
  /** Records by variant form (a finer split than the key): what typo neighbours read. */
  readonly byForm: (IntList | undefined)[] = [];
  readonly all: (IntList | undefined)[] = [];
  readonly noBirth: (IntList | undefined)[] = [];
  readonly byYear: (Map<number, IntList> | undefined)[] = [];
  /**
   * Records of entries whose birth date is a placeholder (1 January, 31 December: only the year is
   * known), by key and two-digit year (key * 100 + year).
   */
  readonly placeholderYears = new Map<number, IntList>();
  /** Records by birth date (two-digit year, month, day), placeholders excepted: see candidate-search.ts. */
  readonly byBirthDate = new Map<number, IntList>();
  /**
   * Records of entries without birth data by each pair of their distinct keys (lower key first):
   * with no date to lean on, a match needs two shared words or one rare one, and the pair lists of a
   * common name (Agus + Saputra) are a few entries where either word's list is thousands.
   */
  readonly noBirthPairs = new Map<number, Map<number, IntList>>();

  constructor(private readonly yearsOf: (record: number) => readonly number[]) {}

  /** Number of records listed under a key (all families count once). */
  size(key: number): number {
    return this.all[key]?.length ?? 0;
  }

  formSize(form: number): number {
    return this.byForm[form]?.length ?? 0;
  }

  addForm(form: number, record: number): void {
    let list = this.byForm[form];
    if (!list) list = this.byForm[form] = new IntList();
    list.push(record);
  }

  removeForm(form: number, record: number): void {
    this.byForm[form]?.remove(record);
  }

  add(key: number, record: number, years: readonly number[]): void {
    let all = this.all[key];
    if (!all) all = this.all[key] = new IntList();
    all.push(record);
    if (years.length === 0) {
      let nb = this.noBirth[key];
      if (!nb) nb = this.noBirth[key] = new IntList();
      nb.push(record);
      return;
    }
    const split = this.byYear[key];
    if (split) {
      for (const y of years) yearList(split, y).push(record);
    } else if (all.length >= YEAR_SPLIT_MIN) {
      this.split(key, all);
    }
  }

  remove(key: number, record: number, years: readonly number[]): void {
    this.all[key]?.remove(record);
    if (years.length === 0) {
      this.noBirth[key]?.remove(record);
      return;
    }
    const split = this.byYear[key];
    if (split) for (const y of years) split.get(y)?.remove(record);
  }

  addPlaceholder(key: number, year: number, record: number): void {
    const k = key * 100 + year;
    let list = this.placeholderYears.get(k);
    if (!list) this.placeholderYears.set(k, (list = new IntList(2)));
    list.push(record);
  }

  removePlaceholder(key: number, year: number, record: number): void {
    const k = key * 100 + year;
    const list = this.placeholderYears.get(k);
    if (!list) return;
    list.remove(record);
    if (list.length === 0) this.placeholderYears.delete(k);
  }

  placeholder(key: number, year: number): IntList | undefined {
    return this.placeholderYears.get(key * 100 + year);
  }

  addBirthDate(date: number, record: number): void {
    let list = this.byBirthDate.get(date);
    if (!list) this.byBirthDate.set(date, (list = new IntList(2)));
    list.push(record);
  }

  removeBirthDate(date: number, record: number): void {
    const list = this.byBirthDate.get(date);
    if (!list) return;
    list.remove(record);
    if (list.length === 0) this.byBirthDate.delete(date);
  }

  /** Pair lists of a no-birth record's distinct keys (call once per record, keys distinct). */
  addPairs(keys: readonly number[], record: number): void {
    forPairs(keys, (a, b) => {
      let inner = this.noBirthPairs.get(a);
      if (!inner) this.noBirthPairs.set(a, (inner = new Map()));
      let list = inner.get(b);
      if (!list) inner.set(b, (list = new IntList(2)));
      list.push(record);
    });
  }

  removePairs(keys: readonly number[], record: number): void {
    forPairs(keys, (a, b) => {
      const inner = this.noBirthPairs.get(a);
      const list = inner?.get(b);
      if (!inner || !list) return;
      list.remove(record);
      if (list.length === 0) inner.delete(b);
      if (inner.size === 0) this.noBirthPairs.delete(a);
    });
  }

  pair(a: number, b: number): IntList | undefined {
    return a < b ? this.noBirthPairs.get(a)?.get(b) : this.noBirthPairs.get(b)?.get(a);
  }

  /** The per-year lists of a key, or undefined when the key is not split. */
  years(key: number): Map<number, IntList> | undefined {
    return this.byYear[key];
  }

  private split(key: number, all: IntList): void {
    const split = new Map<number, IntList>();
    for (let i = 0; i < all.length; i++) {
      const record = all.data[i];
      for (const y of this.yearsOf(record)) yearList(split, y).push(record);
    }
    this.byYear[key] = split;
  }

  clear(): void {
    this.placeholderYears.clear();
    this.byBirthDate.clear();
    this.noBirthPairs.clear();
    this.byForm.length = 0;
    this.all.length = 0;
    this.noBirth.length = 0;
    this.byYear.length = 0;
  }
}

function forPairs(keys: readonly number[], visit: (a: number, b: number) => void): void {
  const sorted = [...keys].sort((x, y) => x - y);
  for (let i = 0; i < sorted.length; i++)
    for (let j = i + 1; j < sorted.length; j++) visit(sorted[i], sorted[j]);
}

function yearList(split: Map<number, IntList>, year: number): IntList {
  let list = split.get(year);
  if (!list) split.set(year, (list = new IntList()));
  return list;
}
