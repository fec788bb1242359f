import {
  ScreeningInputError,
  WatchlistIndex,
  type Decision,
  type MatchEffect,
  type ReasonCode,
  type WatchlistEntryInput,
} from '@simpul/screening';
import type { PersonLike } from './identity.rules.js';
import type { EntryAction, LegalType } from './watchlist-entry.rules.js';

/** One entry's state as the replica holds it (personal data: `person`). */
export interface IndexedEntry {
  entryId: string;
  version: number;
  /** See `entryRank`: higher replaces lower. */
  rank: number;
  legalType: LegalType | null;
  action: EntryAction | null;
  person: PersonLike | null;
  validFrom: Date | null;
  validUntil: Date | null;
  revokedAt: Date | null;
  origin: { unit: string; eventId: string; personId?: string } | null;
}

export interface WatchlistMatch {
  entry: IndexedEntry;
  score: number;
  /** What this match does at the desk (the engine's policy); `monitor` never changes a `clear`. */
  effect: MatchEffect;
  reasons: ReasonCode[];
}

export interface WatchlistScreening {
  /** The watchlist's decision alone (without delays elsewhere). */
  decision: Decision;
  /** Matches, highest score first. */
  matches: WatchlistMatch[];
}

/** What screening needs from the in-memory watchlist. */
export interface WatchlistMatcher {
  /** Applies an entry state; ignored when the held state ranks the same or higher (a redo is harmless). */
  apply(entry: IndexedEntry): void;
  /**
   * Holds `entry` as the replica table now holds it, whatever its rank (the change feed: the table
   * has applied the rank rule already, and a row pruned then written again may rank lower).
   */
  put(entry: IndexedEntry): void;
  /**
   * Drops the entries the replica's retention drops from the table: those whose validUntil (for a
   * revoke that never met its issue, revokedAt) is before `cutoff`. Returns how many.
   */
  pruneExpired(cutoff: Date): number;
  /** Replaces the whole content with `entries` (at start, from the replica rows). */
  rebuild(entries: Iterable<IndexedEntry>): void;
  /** Screens `traveler` at `now`: only entries active then can match. */
  match(traveler: PersonLike, now: Date): WatchlistScreening;
  /** Entries held that are active at `now`. */
  activeCount(now: Date): number;
  clear(): void;
}

/**
 * The screening engine (@simpul/screening) behind `WatchlistMatcher`. The held states keep the
 * service's rank rule (rank = 2 × version, + 1 for a revoke; a lower rank is ignored, so a late issue
 * cannot resurrect a revoked entry); the engine's index holds only issued, complete entries and is
 * updated once per applied state, never rebuilt per event.
 */
export class EngineWatchlistMatcher implements WatchlistMatcher {
  private readonly held = new Map<string, IndexedEntry>();
  private readonly index = new WatchlistIndex();
  /** Bumped on every change of the content; see `activeCount`. */
  private changes = 0;
  private countCache: { changes: number; from: number; until: number; count: number } | undefined;

  apply(entry: IndexedEntry): void {
    const held = this.held.get(entry.entryId);
    if (held && held.rank >= entry.rank) return;
    this.put(entry);
  }

  put(entry: IndexedEntry): void {
    this.changes++;
    this.held.set(entry.entryId, entry);
    const input = toEngineInput(entry);
    if (!input) {
      this.index.remove(entry.entryId);
      return;
    }
    try {
      this.index.upsert(input);
    } catch (error) {
      // An unusable shape (a code and a field, never a value): the entry is held but never matches.
      if (!(error instanceof ScreeningInputError)) throw error;
      this.index.remove(entry.entryId);
    }
  }

  pruneExpired(cutoff: Date): number {
    const t = cutoff.getTime();
    let pruned = 0;
    for (const [entryId, entry] of this.held) {
      const expiresAt = entry.validUntil ?? entry.revokedAt;
      if (!expiresAt || expiresAt.getTime() >= t) continue;
      this.held.delete(entryId);
      this.index.remove(entryId);
      pruned++;
    }
    if (pruned > 0) this.changes++;
    return pruned;
  }

  rebuild(entries: Iterable<IndexedEntry>): void {
    this.changes++;
    this.held.clear();
    this.index.rebuild([]);
    for (const entry of entries) this.apply(entry);
  }

  match(traveler: PersonLike, now: Date): WatchlistScreening {
    const result = this.index.screen(traveler, { now });
    const matches: WatchlistMatch[] = [];
    for (const m of result.matches) {
      const entry = this.held.get(m.entryId);
      if (!entry) continue; // cannot happen: the index holds only held entries
      matches.push({ entry, score: m.score, effect: m.effect, reasons: m.reasons });
    }
    return { decision: result.decision, matches };
  }

  /**
   * The count changes only when the content changes or when `now` crosses a held entry's
   * validFrom/validUntil; so a count stays true in [computedAt, nextBoundary) and calls within that
   * interval with no change in between are O(1) (/v1/watchlist/status is polled).
   */
  activeCount(now: Date): number {
    const t = now.getTime();
    const cache = this.countCache;
    if (cache && cache.changes === this.changes && cache.from <= t && t < cache.until) return cache.count;
    const count = this.index.countActive(now);
    let until = Infinity;
    for (const entry of this.held.values()) {
      if (!entry.person || entry.revokedAt || !entry.validFrom || !entry.validUntil) continue;
      const from = entry.validFrom.getTime();
      const to = entry.validUntil.getTime();
      if (t < from) until = Math.min(until, from);
      else if (t < to) until = Math.min(until, to);
    }
    this.countCache = { changes: this.changes, from: t, until, count };
    return count;
  }

  clear(): void {
    this.rebuild([]);
  }
}

/** The engine's input for an issued, complete entry; undefined for a revoked or incomplete one. */
function toEngineInput(entry: IndexedEntry): WatchlistEntryInput | undefined {
  const { person, legalType, action, validFrom, validUntil } = entry;
  if (entry.revokedAt || !person || !legalType || !action || !validFrom || !validUntil) return undefined;
  return {
    entryId: entry.entryId,
    version: entry.version,
    legalType,
    action,
    person,
    validFrom: validFrom.toISOString(),
    validUntil: validUntil.toISOString(),
  };
}
