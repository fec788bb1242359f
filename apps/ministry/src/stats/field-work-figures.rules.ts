// The field work's own figures beside prevented departures (docs/contract.md §13): victims the rapid
// response team assisted, and people a P4MI post returned home. Framework-free; see the spec.
import type { StatsGroupBy } from './prevented-departures.rules.js';

/** One fact behind a figure: counted once per event id, traceable to that event. */
export interface FieldWorkFact {
  /** The event that traces it: a dispatch's ministry.response.dispatched.v1, a referral's match. */
  eventId: string;
  polda: string | null;
  checkpoint: string | null;
  /** When the outcome was recorded (the report, the referral's outcome). */
  occurredAt: Date;
  count: number;
}

export interface FieldWorkGroup {
  key: string;
  count: number;
  eventIds: string[];
}

export interface FieldWorkFigure {
  total: number;
  groups: FieldWorkGroup[];
}

/**
 * Where a region code belongs: a known checkpoint code is a checkpoint, anything else a Polda (an
 * alert's region is one or the other, docs/contract.md §5).
 */
export function placeOfRegion(
  region: string | null,
  checkpoints: ReadonlySet<string>,
): { polda: string | null; checkpoint: string | null } {
  if (region === null) return { polda: null, checkpoint: null };
  return checkpoints.has(region) ? { polda: null, checkpoint: region } : { polda: region, checkpoint: null };
}

/** Sums facts per Polda, checkpoint or month (a fact without that place is left out), each event once. */
export function groupFieldWork(facts: readonly FieldWorkFact[], groupBy: StatsGroupBy): FieldWorkFigure {
  const groups = new Map<string, FieldWorkGroup>();
  const counted = new Set<string>();
  let total = 0;
  for (const fact of facts) {
    if (counted.has(fact.eventId)) continue;
    const key =
      groupBy === 'month'
        ? fact.occurredAt.toISOString().slice(0, 7)
        : groupBy === 'polda'
          ? fact.polda
          : fact.checkpoint;
    if (key === null) continue;
    counted.add(fact.eventId);
    const group = groups.get(key) ?? { key, count: 0, eventIds: [] };
    group.count += fact.count;
    group.eventIds.push(fact.eventId);
    groups.set(key, group);
    total += fact.count;
  }
  return { total, groups: [...groups.values()].sort((a, b) => a.key.localeCompare(b.key)) };
}
