// The in-memory watchlist index a checkpoint screens against. Updated one entry at a time (upsert on
// every issued event, remove on every revocation: never a rebuild per event), rebuilt from the
// replica table at start, and answering `screen` in well under a millisecond for a traveller over a
// million entries (see candidate-search.ts for how). Nothing here does I/O or logs: personal data
// stays in memory, results carry ids, scores and reason codes.
//
// Which entries are scored depends only on the traveller and the live entries, never on the order
// of updates, so an index updated incrementally answers exactly like one rebuilt.
import { gatherEvidence, type PairEvidence } from '../score/evidence.js';
import { Model } from '../score/model.js';
import { agreeingNameBar, decide, identification, matchEffect } from '../score/policy.js';
import { reasonsFor } from '../score/reasons.js';
import { tokenSimilarity, type TokenSimilarity } from '../score/token-similarity.js';
import type {
  ScreenOptions,
  ScreeningMatch,
  ScreeningResult,
  TravelerInput,
  WatchlistEntryInput,
} from '../types.js';
import { CandidateBound } from './bound.js';
import { CandidateSearch } from './candidate-search.js';
import { EntryStore } from './entry-store.js';
import { Postings } from './postings.js';
import { ACTIONS, LEGAL_TYPES, prepareEntry } from './prepare.js';
import { markAgreeable, prepareQuery, type PreparedQuery } from './query.js';
import { Vocabulary } from './vocabulary.js';

/** What `upsert` did: a lower version than the one held is ignored (events may arrive out of order). */
export type UpsertOutcome = 'inserted' | 'replaced' | 'stale';

export interface IndexStats {
  entries: number;
  /** Names indexed (full names and aliases). */
  names: number;
  words: number;
  phoneticKeys: number;
}

/** One entry scored in full, for calibration and diagnostics. Holds no personal data. */
export interface ScoredCandidate {
  entryId: string;
  evidence: PairEvidence;
  score: number;
}

const DEFAULT_LIMIT = 20;

export class WatchlistIndex {
  private readonly vocabulary = new Vocabulary();
  private readonly store = new EntryStore(this.vocabulary);
  private readonly postings = new Postings((record) => this.store.yearsOfCentury(this.store.recSlot[record]));
  private readonly slotsById = new Map<string, number>();
  /** Slot by NIK and by passport key: a number, or an array in the rare case of several entries. */
  private readonly byNik = new Map<string, number | number[]>();
  private readonly byPassport = new Map<string, number | number[]>();
  private readonly model: Model;
  private readonly bound: CandidateBound;
  private readonly search: CandidateSearch;
  private scoredInFull = 0;

  constructor(options: { model?: Model } = {}) {
    this.model = options.model ?? new Model();
    this.bound = new CandidateBound(this.store, this.vocabulary, this.model);
    this.search = new CandidateSearch(
      this.store,
      this.vocabulary,
      this.postings,
      { byNik: this.byNik, byPassport: this.byPassport },
      this.model,
      this.bound,
    );
  }

  /** Number of entries held (including ones not yet valid or already expired). */
  get size(): number {
    return this.store.size;
  }

  stats(): IndexStats {
    let names = 0;
    for (const slot of this.slotsById.values()) names += this.store.records[slot].length;
    return {
      entries: this.store.size,
      names,
      words: this.vocabulary.tokenCount,
      phoneticKeys: this.vocabulary.keyCount,
    };
  }

  /**
   * Work done since construction: screenings, records read from lists, birth-date candidates, cheap
   * bounds checked, entries scored in full. Counts only, for the bench and diagnostics.
   * @internal
   */
  workDone(): Readonly<Record<string, number>> {
    return { ...this.search.work, boundsChecked: this.bound.checked, scoredInFull: this.scoredInFull };
  }

  /**
   * Adds an entry or replaces the held version of it. A version lower than the one held is ignored
   * ('stale'); an equal one replaces it (a redelivered event is harmless). Throws ScreeningInputError
   * (a code and a field name, no values) when the entry's shape is unusable.
   */
  upsert(entry: WatchlistEntryInput): UpsertOutcome {
    const prepared = prepareEntry(entry);
    const existing = this.slotsById.get(prepared.entryId);
    if (existing !== undefined) {
      if (this.store.version[existing] > prepared.version) return 'stale';
      this.removeSlot(existing);
    }
    const slot = this.store.add(prepared);
    this.slotsById.set(prepared.entryId, slot);
    const years = this.store.yearsOfCentury(slot);
    const dates = this.store.dateKeys(slot);
    const placeholders = this.store.placeholderYears(slot);
    for (const record of this.store.records[slot]) {
      const keys = this.store.recordKeys(record);
      for (const key of keys) {
        this.postings.add(key, record, years);
        for (const y of placeholders) this.postings.addPlaceholder(key, y, record);
      }
      for (const form of this.store.recordForms(record)) this.postings.addForm(form, record);
      if (years.length === 0) this.postings.addPairs(keys, record);
      for (const date of dates) this.postings.addBirthDate(date, record);
    }
    addTo(this.byNik, this.store.nik[slot], slot);
    addTo(this.byPassport, this.store.passport[slot], slot);
    return existing === undefined ? 'inserted' : 'replaced';
  }

  /** Removes an entry (on revocation). Returns whether it was held. */
  remove(entryId: string): boolean {
    const slot = this.slotsById.get(entryId);
    if (slot === undefined) return false;
    this.removeSlot(slot);
    return true;
  }

  /** Replaces the whole content with `entries` (at start, from the replica table). Returns the count held. */
  rebuild(entries: Iterable<WatchlistEntryInput>): number {
    this.store.clear();
    this.postings.clear();
    this.slotsById.clear();
    this.byNik.clear();
    this.byPassport.clear();
    for (const entry of entries) this.upsert(entry);
    return this.size;
  }

  /** Entries that may match at `now`: valid and not revoked (for a replica's status endpoint). */
  countActive(now: Date): number {
    const t = now.getTime();
    let active = 0;
    for (const slot of this.slotsById.values()) if (this.store.isActive(slot, t)) active++;
    return active;
  }

  /** Removes entries that expired or were revoked at or before `now` (housekeeping). Returns how many. */
  pruneExpired(now: Date): number {
    const t = now.getTime();
    const expired: string[] = [];
    for (const [id, slot] of this.slotsById) {
      if (!(this.store.validUntil[slot] > t) || this.store.revokedAt[slot] <= t) expired.push(id);
    }
    for (const id of expired) this.remove(id);
    return expired.length;
  }

  /**
   * Screens one traveller at the instant `options.now`: entries not valid then, or revoked, never
   * match. Throws ScreeningInputError when the traveller's shape is unusable (no fullName string).
   */
  screen(traveler: TravelerInput, options: ScreenOptions): ScreeningResult {
    const now = options.now.getTime();
    if (Number.isNaN(now)) throw new RangeError('screen: options.now is not a valid date');
    const query = prepareQuery(traveler, this.vocabulary, this.postings);
    const found: Array<{ match: ScreeningMatch; score: number }> = [];
    const bar = agreeingNameBar(this.store.size);
    markAgreeable(query, this.vocabulary, this.postings, this.store.size, bar);
    const agreeBar = query.agreeable ? bar : Infinity;
    for (const { slot, evidence, score } of this.scoreSlots(query, now, false)) {
      const legalType = LEGAL_TYPES[this.store.legal[slot]];
      const action = ACTIONS[this.store.action[slot]];
      const standing = identification(query.view, this.store.view(slot), evidence);
      const effect = matchEffect({ legalType, action }, score, evidence, standing, agreeBar);
      if (effect === undefined) continue;
      const reasons = reasonsFor(evidence, query.consistency);
      if (standing === 'thin') reasons.push('insufficient_identification');
      if (standing === 'name_only') reasons.push('name_only_entry');
      if (standing === 'names_compared') reasons.push('names_only_compared');
      found.push({
        score,
        match: {
          entryId: this.store.entryId[slot] as string,
          entryVersion: this.store.version[slot],
          legalType,
          action,
          score: Math.round(score * 1000) / 1000,
          effect,
          reasons,
        },
      });
    }
    found.sort((a, b) => b.score - a.score || (a.match.entryId < b.match.entryId ? -1 : 1));
    const matches = found.map((f) => f.match);
    return {
      decision: decide(matches.map((m) => m.effect)),
      matches: matches.slice(0, options.limit ?? DEFAULT_LIMIT),
    };
  }

  /**
   * Every entry scored in full for a traveller, with its evidence, whatever its score. `exhaustive`
   * reads every list of every word and skips the bounds (for calibration, where the model being
   * fitted must not choose its own data).
   * @internal
   */
  scoreCandidates(traveler: TravelerInput, now: Date, exhaustive: boolean): ScoredCandidate[] {
    const query = prepareQuery(traveler, this.vocabulary, this.postings);
    return this.scoreSlots(query, now.getTime(), exhaustive).map(({ slot, evidence, score }) => ({
      entryId: this.store.entryId[slot] as string,
      evidence,
      score,
    }));
  }

  private scoreSlots(
    query: PreparedQuery,
    now: number,
    exhaustive: boolean,
  ): Array<{ slot: number; evidence: PairEvidence; score: number }> {
    const shift = this.model.listShift(this.store.size);
    const slots = this.search.find(query, now, exhaustive, shift);
    this.scoredInFull += slots.length;
    const cache = new Map<string, TokenSimilarity>();
    const similarity = (a: string, b: string): TokenSimilarity => {
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      let s = cache.get(key);
      if (s === undefined) cache.set(key, (s = tokenSimilarity(a, b)));
      return s;
    };
    return slots.map((slot) => {
      const evidence = gatherEvidence(query.view, this.store.view(slot), similarity, this.model.nameValue);
      return { slot, evidence, score: this.model.score(evidence, shift) };
    });
  }

  private removeSlot(slot: number): void {
    const years = this.store.yearsOfCentury(slot);
    const dates = this.store.dateKeys(slot);
    const placeholders = this.store.placeholderYears(slot);
    for (const record of this.store.records[slot]) {
      const keys = this.store.recordKeys(record);
      for (const key of keys) {
        this.postings.remove(key, record, years);
        for (const y of placeholders) this.postings.removePlaceholder(key, y, record);
      }
      for (const form of this.store.recordForms(record)) this.postings.removeForm(form, record);
      if (years.length === 0) this.postings.removePairs(keys, record);
      for (const date of dates) this.postings.removeBirthDate(date, record);
    }
    removeFrom(this.byNik, this.store.nik[slot], slot);
    removeFrom(this.byPassport, this.store.passport[slot], slot);
    this.slotsById.delete(this.store.entryId[slot] as string);
    this.store.remove(slot);
  }
}

// One entry per identifier is the rule, several the exception: a number, an array only when shared.
function addTo(map: Map<string, number | number[]>, key: string | undefined, slot: number): void {
  if (key === undefined) return;
  const held = map.get(key);
  if (held === undefined) map.set(key, slot);
  else if (typeof held === 'number') map.set(key, [held, slot]);
  else held.push(slot);
}

function removeFrom(map: Map<string, number | number[]>, key: string | undefined, slot: number): void {
  if (key === undefined) return;
  const held = map.get(key);
  if (held === undefined) return;
  if (typeof held === 'number') {
    if (held === slot) map.delete(key);
    return;
  }
  const rest = held.filter((s) => s !== slot);
  if (rest.length === 0) map.delete(key);
  else map.set(key, rest.length === 1 ? rest[0] : rest);
}
