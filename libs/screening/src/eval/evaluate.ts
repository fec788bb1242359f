// Precision, recall and F1 of the engine on a labelled set, at the thresholds in score/policy.ts.
// A traveller's listed matches are its predictions: the right entry is a true positive, any other
// entry a false positive, a right entry not listed a false negative.
import { preparePerson, type PreparedPerson } from '../index/prepare.js';
import { writtenWordCount } from '../normalise/normalise-name.js';
import { WatchlistIndex } from '../index/watchlist-index.js';
import type { PersonInput, ReasonCode } from '../types.js';
import type { EvalQuery, EvalSet } from './eval-set.js';

/** Any labelled set: the engine's own (eval-set.ts) or a held-out one (independent-sets.ts). */
export interface LabelledSet extends Omit<EvalSet, 'queries'> {
  queries: ReadonlyArray<Omit<EvalQuery, 'kind'> & { kind: string }>;
}

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
  /** With `thinApart`: figures kept out of precision and recall (ADR 0013). */
  thin?: ThinFigures;
}

/**
 * Pairs too thin to identify anyone (a one-word name on either side, nothing else both carry): at
 * most `monitor`, listed for the record only. With `thinApart`, a traveller on an entry whose pair is
 * thin is neither a hit nor a miss, and a thin match on another entry is not a false positive; both
 * are counted here instead, as the issue asks ("scored apart").
 */
export interface ThinFigures {
  /** Travellers whose pair with their own entry is thin. */
  positives: number;
  /** Of those, listed (at most as monitor). */
  listed: number;
  /** Monitor matches with the reason insufficient_identification on another entry. */
  otherEntries: number;
}

export interface EvaluateOptions {
  thinApart?: boolean;
}

function longestName(person: PreparedPerson): number {
  return Math.max(0, ...person.names.map((n) => writtenWordCount(n)));
}

/** The engine's own rule (score/policy.ts `identification`), read from the two inputs. */
export function isThinPair(traveler: PersonInput, entryPerson: PersonInput): boolean {
  const t = preparePerson(traveler, 'SCREENING.INVALID_TRAVELER', 'traveler');
  const e = preparePerson(entryPerson, 'SCREENING.INVALID_ENTRY', 'entry.person');
  const shared =
    (t.births.length > 0 && e.births.length > 0) ||
    (t.nik !== undefined && e.nik !== undefined) ||
    (t.passport !== undefined && e.passport !== undefined);
  return !shared && (longestName(e) <= 1 || longestName(t) <= 1);
}

export function evaluate(
  set: LabelledSet,
  index: WatchlistIndex = buildIndex(set),
  options: EvaluateOptions = {},
): EvalReport {
  const now = new Date(set.now);
  const persons = new Map(set.entries.map((e) => [e.entryId, e.person]));
  const thin: ThinFigures = { positives: 0, listed: 0, otherEntries: 0 };
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
    const own = q.expectedEntryId === null ? undefined : persons.get(q.expectedEntryId);
    if (options.thinApart && q.positive && own !== undefined && isThinPair(q.traveler, own)) {
      thin.positives++;
      if (result.matches.some((m) => m.entryId === q.expectedEntryId)) thin.listed++;
      thin.otherEntries += result.matches.filter(
        (m) => m.entryId !== q.expectedEntryId && m.reasons.includes('insufficient_identification'),
      ).length;
      continue;
    }
    const figures = ((q.positive ? positiveKinds : negativeKinds)[q.kind] ??= { queries: 0, hits: 0 });
    figures.queries++;
    let found = false;
    let alarmed = false;
    for (const m of result.matches) {
      if (m.entryId === q.expectedEntryId) {
        found = true;
        continue;
      }
      if (options.thinApart && m.reasons.includes('insufficient_identification')) {
        thin.otherEntries++;
        continue;
      }
      alarmed = true;
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
    } else if (alarmed) {
      negativesAlarmed++;
      figures.hits++;
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const negatives = set.queries.filter((q) => !q.positive).length;
  const positives = tp + fn;
  misses.sort((a, b) => (a.score ?? -1) - (b.score ?? -1) || (a.queryId < b.queryId ? -1 : 1));
  falseMatches.sort((a, b) => b.score - a.score || (a.queryId < b.queryId ? -1 : 1));
  return {
    entries: set.entries.length,
    positives,
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
    ...(options.thinApart ? { thin } : {}),
  };
}

export function buildIndex(set: LabelledSet): WatchlistIndex {
  const index = new WatchlistIndex();
  index.rebuild(set.entries);
  return index;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
