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

  apply(entry: IndexedEntry): void {
    const held = this.entries.get(entry.entryId);
    if (held && held.entry.rank >= entry.rank) return;
    if (held) this.unindex(entry.entryId, held.keys);
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

  activeCount(now: Date): number {
    let n = 0;
    for (const { entry } of this.entries.values()) {
      if (isEntryActive({ ...entry, hasPerson: entry.person !== null }, now)) n++;
    }
    return n;
  }

  clear(): void {
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
