import {
  identityKeys,
  matchReasons,
  matchScore,
  type IdentityKeys,
  type MatchReason,
  type PersonLike,
} from './identity.rules.js';
import { isEntryActive, type EntryAction, type LegalType } from './watchlist-entry.rules.js';

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
  reasons: MatchReason[];
}

/**
 * What screening needs from the in-memory watchlist. The screening engine (libs/screening) can
 * replace the exact matcher below by implementing this interface.
 */
export interface WatchlistMatcher {
  /** Applies an entry state; ignored when the held state ranks the same or higher (a redo is harmless). */
  apply(entry: IndexedEntry): void;
  /** Entries matching `traveler` that are active at `now`. */
  match(traveler: PersonLike, now: Date): WatchlistMatch[];
  /** Entries held that are active at `now`. */
  activeCount(now: Date): number;
  clear(): void;
}

/** Exact matcher: NIK, passport (O/0, I/1 normalised), normalised full name or alias + date of birth. */
export class ExactWatchlistIndex implements WatchlistMatcher {
  private readonly entries = new Map<string, { entry: IndexedEntry; keys: IdentityKeys }>();
  private readonly byKey = new Map<string, Set<string>>();
  /** Bumped on every change of `entries`; see `activeCount`. */
  private changes = 0;
  private countCache: { changes: number; from: number; until: number; count: number } | undefined;

  apply(entry: IndexedEntry): void {
    const held = this.entries.get(entry.entryId);
    if (held && held.entry.rank >= entry.rank) return;
    if (held) this.unindex(entry.entryId, held.keys);
    this.changes++;
    const keys = entry.person ? identityKeys(entry.person) : { nameDob: [] };
    this.entries.set(entry.entryId, { entry, keys });
    for (const key of keyStrings(keys)) {
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(entry.entryId);
    }
  }

  match(traveler: PersonLike, now: Date): WatchlistMatch[] {
    const keys = identityKeys(traveler);
    const candidates = new Set<string>();
    for (const key of keyStrings(keys)) for (const id of this.byKey.get(key) ?? []) candidates.add(id);
    const matches: WatchlistMatch[] = [];
    for (const id of candidates) {
      const held = this.entries.get(id)!;
      if (!isEntryActive({ ...held.entry, hasPerson: held.entry.person !== null }, now)) continue;
      const reasons = matchReasons(keys, held.keys);
      if (reasons.length === 0) continue;
      matches.push({ entry: held.entry, reasons, score: matchScore(reasons) });
    }
    return matches.sort((a, b) => b.score - a.score || a.entry.entryId.localeCompare(b.entry.entryId));
  }

  /**
   * The count changes only when an entry changes (`apply`, `clear`) or when `now` crosses one of the
   * held entries' validFrom/validUntil. So one walk (without copying entries) gives the count and the
   * interval [computedAt, nextBoundary) in which it stays true; calls within that interval, with no
   * change in between, are O(1). Under a steady stream of applies it is one allocation-free walk.
   */
  activeCount(now: Date): number {
    const t = now.getTime();
    const cache = this.countCache;
    if (cache && cache.changes === this.changes && cache.from <= t && t < cache.until) return cache.count;
    let count = 0;
    let until = Infinity;
    for (const { entry } of this.entries.values()) {
      if (!entry.person || entry.revokedAt || !entry.validFrom || !entry.validUntil) continue;
      const from = entry.validFrom.getTime();
      const to = entry.validUntil.getTime();
      if (t < from) until = Math.min(until, from);
      else if (t < to) {
        count++;
        until = Math.min(until, to);
      }
    }
    this.countCache = { changes: this.changes, from: t, until, count };
    return count;
  }

  clear(): void {
    this.changes++;
    this.entries.clear();
    this.byKey.clear();
  }

  private unindex(entryId: string, keys: IdentityKeys): void {
    for (const key of keyStrings(keys)) {
      const set = this.byKey.get(key);
      set?.delete(entryId);
      if (set?.size === 0) this.byKey.delete(key);
    }
  }
}

function keyStrings(keys: IdentityKeys): string[] {
  return [
    ...(keys.nik ? [`nik:${keys.nik}`] : []),
    ...(keys.passport ? [`passport:${keys.passport}`] : []),
    ...keys.nameDob.map((k) => `name:${k}`),
  ];
}
