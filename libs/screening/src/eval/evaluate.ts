// Precision, recall and F1 of the engine on a labelled set, at the thresholds in score/policy.ts.
// A traveller's listed matches are its predictions: the right entry is a true positive, any other
// entry a false positive, a right entry not listed a false negative.
import { WatchlistIndex } from '../index/watchlist-index.js';
import type { ReasonCode } from '../types.js';
import type { EvalSet } from './eval-set.js';

export interface KindFigures {
  queries: number;
  /** Positives: right entry listed. Negatives: travellers with at least one match. */
  hits: number;
}

export interface Miss {
  queryId: string;
  kind: string;
  /** The right entry's score if the engine scored it at all, else null (never a candidate). */
  score: number | null;
  reasons: ReasonCode[];
}

export interface FalseMatch {
  queryId: string;
  kind: string;
  entryId: string;
  legalType: string;
  score: number;
  reasons: ReasonCode[];
}

export interface EvalReport {
  entries: number;
  positives: number;
  negatives: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Negatives with any match, per 1,000 negatives (travellers on no entry who would be stopped or referred). */
  falseAlarmsPerThousand: number;
  /** Positives on deny_departure entries of a binding type that were denied (not just referred). */
  denyRate: number;
  positiveKinds: Record<string, KindFigures>;
  negativeKinds: Record<string, KindFigures>;
  misses: Miss[];
  falseMatches: FalseMatch[];
}

export function evaluate(set: EvalSet, index: WatchlistIndex = buildIndex(set)): EvalReport {
  const now = new Date(set.now);
  const bindingDeny = new Set(
    set.entries
      .filter((e) => e.action === 'deny_departure' && e.legalType !== 'advisory')
      .map((e) => e.entryId),
  );
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let negativesAlarmed = 0;
  let denyTargets = 0;
  let denied = 0;
  const positiveKinds: Record<string, KindFigures> = {};
  const negativeKinds: Record<string, KindFigures> = {};
  const misses: Miss[] = [];
  const falseMatches: FalseMatch[] = [];
  for (const q of set.queries) {
    const result = index.screen(q.traveler, { now, limit: 1000 });
    const figures = ((q.positive ? positiveKinds : negativeKinds)[q.kind] ??= { queries: 0, hits: 0 });
    figures.queries++;
    let found = false;
    for (const m of result.matches) {
      if (m.entryId === q.expectedEntryId) {
        found = true;
        continue;
      }
      fp++;
      falseMatches.push({
        queryId: q.id,
        kind: q.kind,
        entryId: m.entryId,
        legalType: m.legalType,
        score: m.score,
        reasons: m.reasons,
      });
    }
    if (q.positive) {
      if (found) {
        tp++;
        figures.hits++;
      } else {
        fn++;
        const scored = index
          .scoreCandidates(q.traveler, now, true)
          .find((c) => c.entryId === q.expectedEntryId);
        misses.push({ queryId: q.id, kind: q.kind, score: scored ? round(scored.score) : null, reasons: [] });
      }
      if (q.expectedEntryId !== null && bindingDeny.has(q.expectedEntryId)) {
        denyTargets++;
        if (result.decision === 'deny' && found) denied++;
      }
    } else if (result.matches.length > 0) {
      negativesAlarmed++;
      figures.hits++;
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const negatives = set.queries.filter((q) => !q.positive).length;
  misses.sort((a, b) => (a.score ?? -1) - (b.score ?? -1) || (a.queryId < b.queryId ? -1 : 1));
  falseMatches.sort((a, b) => b.score - a.score || (a.queryId < b.queryId ? -1 : 1));
  return {
    entries: set.entries.length,
    positives: set.queries.length - negatives,
    negatives,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: round(precision),
    recall: round(recall),
    f1: round(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)),
    falseAlarmsPerThousand: round((negativesAlarmed / Math.max(1, negatives)) * 1000),
    denyRate: round(denyTargets === 0 ? 0 : denied / denyTargets),
    positiveKinds,
    negativeKinds,
    misses,
    falseMatches,
  };
}

export function buildIndex(set: EvalSet): WatchlistIndex {
  const index = new WatchlistIndex();
  index.rebuild(set.entries);
  return index;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
