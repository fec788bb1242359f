// A traveller prepared for searching: names normalised and weighed, each distinct word with the
// keys and typo-neighbour forms whose lists hold sound-alike words, bit masks for the cheap bounds,
// birth dates packed like the store's. Everything here is derived from the traveller and the live
// content of the index only, never from the order of updates.
import type { BirthDate } from '../identifiers/birth.js';
import { phoneticKey, variantForm } from '../phonetic/phonetic-key.js';
import type { PersonView } from '../score/evidence.js';
import type { ScoredToken } from '../score/name-alignment.js';
import type { TravelerConsistency } from '../score/reasons.js';
import { tokenWeight } from '../score/token-weight.js';
import type { TravelerInput } from '../types.js';
import { identifierHash, packBirth } from './entry-store.js';
import type { Postings } from './postings.js';
import { CALIBRATION_LIST_SIZE } from '../score/model-coefficients.js';
import { preparePerson, travelerConsistency } from './prepare.js';
import { formShape, type Vocabulary } from './vocabulary.js';

/** One bit per distinct word in 32-bit masks. */
export const MAX_QUERY_WORDS = 31;
/** Neighbour lists longer than this are not read (candidate-search.ts MAX_NEIGHBOUR_LIST): they cost nothing. */
const MAX_NEIGHBOUR_COST = 64;
/** A word whose own keys list fewer records than this is rare: its typo neighbours are read too. */
export const RARE_WORD_LISTED = 64;

export interface QueryWord {
  text: string;
  /** Identifying information, nats. */
  weight: number;
  /** Keys whose lists hold sound-alike words (its own, or the halves or joins of a compound). */
  keys: readonly number[];
  /** Variant forms one edit away (typos) whose key is not among `keys`, read by form. */
  forms: readonly number[];
  /** Records listed under `keys` and `forms`: what reading this word costs. */
  cost: number;
  /**
   * Whether its own key is rare (or absent): only then are its typo neighbours read. A common word
   * is almost always spelled as intended, and its many neighbours are other common names.
   */
  rare: boolean;
  /** Its bit in the masks. */
  bit: number;
  /** Its word id if the vocabulary knows it, else -1 (for the similarity cache). */
  id: number;
  /** Shape of its variant form (letters used, length), for the similarity prefilter. */
  shape: number;
  /** Shape of the written word (see WORD.WRITTEN_SHAPE). */
  writtenShape: number;
  /** This word's row of the similarity cache, once needed. */
  alike?: Map<number, boolean>;
}

export interface PreparedQuery {
  view: PersonView;
  consistency: TravelerConsistency;
  /** Distinct non-initial words, cheapest lists first (ties by text); `words[i].bit === 1 << i`. */
  words: QueryWord[];
  /** The words with something to read, in reading order. */
  readable: QueryWord[];
  allBits: number;
  /** Word weights by bit position. */
  weights: Float64Array;
  /** Weight of what no list can show: initials, and words beyond MAX_QUERY_WORDS. */
  unlistedWeight: number;
  /** Every word's weight, listed or not: the most a name of the traveller's can agree on (nats). */
  totalWeight: number;
  /**
   * Whether the traveller's name is rare enough, in the table and in this very list, to be listed
   * on its agreement alone when only names can be compared (ADR 0014). Set by the index per
   * screening (`markAgreeable`); false until then.
   */
  agreeable: boolean;
  /** Distinct initials. */
  initials: number;
  /** Per name (full name, aliases): bits of its words other than father's names, and its words without a bit. */
  nameMasks: number[];
  nameUnbitWords: number[];
  /** Per name: words that are not father's names (initials included), and father's-name words. */
  nameWords: number[];
  namePatronymics: number[];
  /** Keys reached by joining or splitting words (compounds: word counts may then differ). */
  joinedKeys: Set<number>;
  births: BirthDate[];
  /** Birth dates packed like the store's. */
  packedBirths: number[];
  /** Two-digit birth years. */
  years: number[];
  /** Hashes of the NIK and passport key as the records hold them (0 = none). */
  nikHash: number;
  passportHash: number;
}

interface Draft {
  text: string;
  weight: number;
  keys: Set<number>;
  forms: number[];
}

/** Prepares a traveller against the index's vocabulary and lists. Throws ScreeningInputError on an unusable shape. */
export function prepareQuery(
  traveler: TravelerInput,
  vocabulary: Vocabulary,
  postings: Postings,
): PreparedQuery {
  const person = preparePerson(traveler, 'SCREENING.INVALID_TRAVELER', 'traveler');
  const names: ScoredToken[][] = person.names.map((name) =>
    name.map((t) => ({ ...t, weight: tokenWeight(t.text, t.initial) })),
  );
  const liveKey = (word: string): number | undefined => {
    const key = vocabulary.findKey(phoneticKey(word));
    return key !== undefined && postings.size(key) > 0 ? key : undefined;
  };

  const drafts = new Map<string, Draft | null>();
  const joinedKeys = new Set<number>();
  let unlistedWeight = 0;
  for (const name of names) {
    for (const t of name) {
      if (drafts.has(t.text)) continue;
      if (t.initial) {
        drafts.set(t.text, null);
        unlistedWeight += t.weight;
        continue;
      }
      const keys = new Set<number>();
      const own = liveKey(t.text);
      if (own !== undefined) keys.add(own);
      const forms = vocabulary
        .neighbours(variantForm(t.text))
        .filter((f) => !keys.has(vocabulary.formKey[f]) && postings.formSize(f) > 0);
      if (own === undefined && forms.length === 0) {
        // a word no entry has, and no typo of one, may be two words entries have written together (Budisantoso)
        for (const k of splitKeys(t.text, liveKey)) {
          keys.add(k);
          joinedKeys.add(k);
        }
      }
      drafts.set(t.text, { text: t.text, weight: t.weight, keys, forms });
    }
    // two words may be one word on the entry (Budi Santoso / Budisantoso): both reach its key
    for (let i = 0; i + 1 < name.length; i++) {
      const a = drafts.get(name[i].text);
      const b = drafts.get(name[i + 1].text);
      if (!a || !b) continue;
      const joined = liveKey(name[i].text + name[i + 1].text);
      if (joined !== undefined) {
        a.keys.add(joined);
        b.keys.add(joined);
        joinedKeys.add(joined);
      }
    }
  }

  const words: QueryWord[] = [];
  for (const d of drafts.values()) {
    if (d === null) continue;
    const keys = [...d.keys].sort((x, y) => x - y);
    let cost = 0;
    for (const k of keys) cost += postings.size(k);
    const rare = cost < RARE_WORD_LISTED;
    if (rare)
      for (const f of d.forms) cost += postings.formSize(f) <= MAX_NEIGHBOUR_COST ? postings.formSize(f) : 0;
    words.push({
      text: d.text,
      weight: d.weight,
      keys,
      forms: d.forms,
      cost,
      rare,
      bit: 0,
      id: vocabulary.findToken(d.text) ?? -1,
      shape: formShape(variantForm(d.text)),
      writtenShape: formShape(d.text),
    });
  }
  // Cheapest lists first; ties by text, so the plan depends only on the traveller and the content.
  words.sort((a, b) => a.cost - b.cost || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  for (const w of words.splice(MAX_QUERY_WORDS)) unlistedWeight += w.weight;
  words.forEach((w, i) => (w.bit = 1 << i));
  const bits = new Map(words.map((w) => [w.text, w.bit]));

  const nameMasks: number[] = [];
  const nameUnbitWords: number[] = [];
  const nameWords: number[] = [];
  const namePatronymics: number[] = [];
  for (const name of names) {
    if (name.length === 0) continue;
    const patronymics = name.filter((t) => t.patronymic).length;
    nameWords.push(name.length - patronymics);
    namePatronymics.push(patronymics);
    let mask = 0;
    let unbit = 0;
    for (const t of name) {
      if (t.initial || t.patronymic) continue;
      const bit = bits.get(t.text);
      if (bit === undefined) unbit++;
      else mask |= bit;
    }
    nameMasks.push(mask);
    nameUnbitWords.push(unbit);
  }

  return {
    view: { ...person, names },
    consistency: travelerConsistency(traveler),
    words,
    readable: words.filter((w) => w.keys.length > 0 || w.forms.length > 0),
    allBits: words.reduce((mask, w) => mask | w.bit, 0),
    weights: Float64Array.from(words, (w) => w.weight),
    unlistedWeight,
    totalWeight: words.reduce((sum, w) => sum + w.weight, unlistedWeight),
    agreeable: false,
    initials: [...drafts.values()].filter((d) => d === null).length,
    nameMasks,
    nameUnbitWords,
    nameWords,
    namePatronymics,
    joinedKeys,
    births: person.births,
    packedBirths: person.births.map(packBirth),
    years: [...new Set(person.births.map((b) => b.yearOfCentury))],
    nikHash: identifierHash(person.nik),
    passportHash: identifierHash(person.passport),
  };
}

/** Keys of both halves at every cut of a word where both halves are words entries have. */
function splitKeys(word: string, liveKey: (w: string) => number | undefined): number[] {
  const keys: number[] = [];
  if (word.length < 6) return keys;
  for (let cut = 3; cut <= word.length - 3; cut++) {
    const left = liveKey(word.slice(0, cut));
    const right = left === undefined ? undefined : liveKey(word.slice(cut));
    if (left !== undefined && right !== undefined) keys.push(left, right);
  }
  return keys;
}

/**
 * Marks whether the traveller's name may be listed on its agreement alone (ADR 0014): it must carry
 * `bar` nats by the frequency table (its words' weights), and by the list itself: the information
 * ln(list size / entries holding the word's spelling), summed over the name's own words (not a
 * father's name, not initials), must reach `bar` too (fewer than one entry expected to share the
 * name by chance). The table cannot know how common a word it has
 * never seen is, but the list can: a name whose words are each on thousands of entries is shared by
 * chance, however rare the table thinks them. Deterministic for the list's content.
 */
export function markAgreeable(
  query: PreparedQuery,
  vocabulary: Vocabulary,
  postings: Postings,
  listSize: number,
  bar: number,
): void {
  query.agreeable = false;
  if (query.totalWeight < bar || listSize === 0) return;
  const own = new Set<string>();
  for (const t of query.view.names[0] ?? []) if (!t.patronymic && !t.initial) own.add(t.text);
  let information = 0;
  for (const w of query.words) {
    if (!own.has(w.text)) continue;
    // records written with this word's variant form (its spellings); a word no entry has: one
    const held = w.id >= 0 && vocabulary.formOf[w.id] >= 0 ? postings.formSize(vocabulary.formOf[w.id]) : 1;
    // a list smaller than the calibration list's is read as if it had that many entries (as the bar
    // is): a few entries cannot show a word to be common
    information += Math.log(Math.max(1, Math.max(listSize, CALIBRATION_LIST_SIZE) / Math.max(1, held)));
  }
  query.agreeable = information >= bar;
}
