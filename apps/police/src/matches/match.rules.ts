// Which checkpoint matches the police keep, and what a Polda sees of them (docs/contract.md §5-6).
import type { ImmigrationScreeningMatchedV1 } from '@simpul/contracts';

/** The stored facts of a match: ids, codes and the score; never the traveller's personal data. */
export interface MatchRow {
  eventId: string;
  screeningId: string;
  entryId: string;
  entryVersion: number;
  checkpoint: string;
  decision: string;
  score: number;
  occurredAt: Date;
  originUnit: string;
  originEventId: string;
  originPersonId: string | null;
}

/**
 * The row to keep for a match, or undefined when it is not on a person reported by a Polda this
 * deployment serves (no `origin`, or another unit's origin).
 */
export function matchToKeep(
  eventId: string,
  data: ImmigrationScreeningMatchedV1,
  serves: (unitId: string) => boolean,
): MatchRow | undefined {
  const origin = data.origin;
  if (!origin || !serves(origin.unit)) return undefined;
  return {
    eventId,
    screeningId: data.screeningId,
    entryId: data.entryId,
    entryVersion: data.entryVersion,
    checkpoint: data.checkpoint,
    decision: data.decision,
    score: data.score,
    occurredAt: new Date(data.occurredAt),
    originUnit: origin.unit,
    originEventId: origin.eventId,
    originPersonId: origin.personId ?? null,
  };
}

/** One match as GET /v1/matches lists it. */
export interface MatchView {
  eventId: string;
  screeningId: string;
  entryId: string;
  entryVersion: number;
  checkpoint: string;
  decision: string;
  score: number;
  occurredAt: string;
  origin: { unit: string; eventId: string; personId?: string };
}

export function matchView(row: MatchRow): MatchView {
  return {
    eventId: row.eventId,
    screeningId: row.screeningId,
    entryId: row.entryId,
    entryVersion: row.entryVersion,
    checkpoint: row.checkpoint,
    decision: row.decision,
    score: row.score,
    occurredAt: row.occurredAt.toISOString(),
    origin: {
      unit: row.originUnit,
      eventId: row.originEventId,
      ...(row.originPersonId ? { personId: row.originPersonId } : {}),
    },
  };
}
