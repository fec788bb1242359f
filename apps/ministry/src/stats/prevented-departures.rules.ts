// Grouping of the prevented-departures figure (docs/contract.md §5 end; framework-free, see the spec).

export const STATS_GROUP_BY = ['polda', 'checkpoint', 'month'] as const;
export type StatsGroupBy = (typeof STATS_GROUP_BY)[number];

export interface PreventionFact {
  eventId: string;
  kind: 'foiled' | 'delayed';
  polda: string | null;
  checkpoint: string | null;
  occurredAt: Date;
  prevented: number;
}

export interface PreventionGroup {
  key: string;
  prevented: number;
  eventIds: string[];
}

/** The group key of a fact, or undefined when it does not count in this grouping. */
export function groupKeyOf(
  fact: PreventionFact,
  groupBy: StatsGroupBy,
  checkpoints: ReadonlySet<string>,
): string | undefined {
  switch (groupBy) {
    case 'polda':
      // Delays carry no Polda: they count by checkpoint and month only.
      return fact.kind === 'foiled' && fact.polda ? fact.polda : undefined;
    case 'checkpoint':
      if (!fact.checkpoint) return undefined;
      // A foiled departure counts for a checkpoint only when its exit point is a known checkpoint code.
      return fact.kind === 'delayed' || checkpoints.has(fact.checkpoint) ? fact.checkpoint : undefined;
    case 'month':
      return fact.occurredAt.toISOString().slice(0, 7);
  }
}

/** Sums facts per key, each event once (facts are keyed by event id upstream), keys sorted. */
export function groupPrevention(
  facts: readonly PreventionFact[],
  groupBy: StatsGroupBy,
  checkpoints: ReadonlySet<string>,
): PreventionGroup[] {
  const groups = new Map<string, PreventionGroup>();
  const counted = new Set<string>();
  for (const fact of facts) {
    if (counted.has(fact.eventId)) continue;
    const key = groupKeyOf(fact, groupBy, checkpoints);
    if (key === undefined) continue;
    counted.add(fact.eventId);
    const group = groups.get(key) ?? { key, prevented: 0, eventIds: [] };
    group.prevented += fact.prevented;
    group.eventIds.push(fact.eventId);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}
