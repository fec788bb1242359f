// Offline batch screening, the engine behind `simpul screen --watchlist <entries.jsonl> --travelers
// <travelers.jsonl>` (docs/contract.md §7, §10): watchlist lines in, one JSON decision per traveller line
// out, in input order.
//
// Behaviour at the edges, chosen and documented here:
// - A watchlist line that is not JSON or fails the shape checks is skipped and reported (line number,
//   field, rule: never a value); the others are screened against. Several versions of one entry:
//   the highest wins, as on the bus.
// - A traveller line that is not JSON or fails the shape checks still yields exactly one output line:
//   `{ "travelerId": <its id or null>, "decision": "refer", "matches": [], "error": { "code",
//   "fields" } }`. `refer`, because a traveller the engine could not screen must be looked at by an
//   officer, never waved through as clear. The error names fields, never values.
// - Blank lines are not travellers: they yield nothing (so do blank watchlist lines).
import { WatchlistIndex } from '../index/watchlist-index.js';
import { checkTraveler, checkWatchlistEntry, travelerIdOf, type Problem } from '../input/validate.js';
import type { Decision } from '../types.js';

/** One output line of `simpul screen` (docs/contract.md §10), plus `error` on lines that could not be screened. */
export interface BatchDecision {
  travelerId: string | null;
  decision: Decision;
  matches: Array<{ entryId: string; score: number; reasons: string[] }>;
  error?: { code: 'LINE_NOT_JSON' | 'TRAVELER_INVALID'; fields: string[] };
}

export interface SkippedLine {
  /** 1-based line number in the watchlist file. */
  line: number;
  problems: Problem[];
}

export interface WatchlistLoad {
  loaded: number;
  skipped: SkippedLine[];
}

function parse(line: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(line) };
  } catch {
    return { ok: false };
  }
}

/** Loads watchlist lines into an index; bad lines are skipped and reported. */
export async function loadWatchlist(
  index: WatchlistIndex,
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<WatchlistLoad> {
  const skipped: SkippedLine[] = [];
  let number = 0;
  for await (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    const parsed = parse(line);
    if (!parsed.ok) {
      skipped.push({ line: number, problems: [{ field: '(line)', rule: 'json' }] });
      continue;
    }
    const checked = checkWatchlistEntry(parsed.value);
    if (!checked.ok) {
      skipped.push({ line: number, problems: checked.problems });
      continue;
    }
    index.upsert(checked.value);
  }
  return { loaded: index.size, skipped };
}

/** The decision for one traveller line, or undefined for a blank line. */
export function screenLine(index: WatchlistIndex, line: string, now: Date): BatchDecision | undefined {
  if (line.trim() === '') return undefined;
  const parsed = parse(line);
  if (!parsed.ok)
    return { travelerId: null, decision: 'refer', matches: [], error: { code: 'LINE_NOT_JSON', fields: [] } };
  const checked = checkTraveler(parsed.value);
  if (!checked.ok) {
    return {
      travelerId: travelerIdOf(parsed.value),
      decision: 'refer',
      matches: [],
      error: { code: 'TRAVELER_INVALID', fields: [...new Set(checked.problems.map((p) => p.field))] },
    };
  }
  const result = index.screen(checked.value.traveler, { now, limit: 100 });
  return {
    travelerId: checked.value.travelerId,
    decision: result.decision,
    matches: result.matches.map((m) => ({ entryId: m.entryId, score: m.score, reasons: m.reasons })),
  };
}

/** Screens every traveller line in order: one decision per non-blank line. */
export async function* screenLines(
  index: WatchlistIndex,
  lines: AsyncIterable<string> | Iterable<string>,
  now: Date,
): AsyncGenerator<BatchDecision> {
  for await (const line of lines) {
    const decision = screenLine(index, line, now);
    if (decision !== undefined) yield decision;
  }
}
