// Which alerts an incoming event raises (framework-free; unit-tested in alert.rules.spec.ts).
// Summaries hold counts and codes only, never names or identifiers of people (Law 27/2022).
import type { AlertKind, AlertSeverity, EventDataMap } from '@simpul/contracts';

type Foiled = EventDataMap['police.departure.foiled.v1'];
type Arrest = EventDataMap['police.arrest.recorded.v1'];
type Match = EventDataMap['immigration.screening.matched.v1'];
type Delay = EventDataMap['immigration.departure.delayed.v1'];

export interface AlertDecision {
  kind: AlertKind;
  severity: AlertSeverity;
  region: string;
  summary: string;
}

/** candidateCount at or above which a foiled departure is critical. */
export const CRITICAL_CANDIDATE_COUNT = 50;
/** candidateCount at or above which a foiled departure is high. */
export const HIGH_CANDIDATE_COUNT = 10;

/** Critical when minors are among the candidates or 50+ were stopped; high from 10; else medium. */
export function alertForFoiledDeparture(data: Foiled): AlertDecision {
  const minors = data.candidates.filter((c) => c.minor === true).length;
  const severity: AlertSeverity =
    minors > 0 || data.candidateCount >= CRITICAL_CANDIDATE_COUNT
      ? 'critical'
      : data.candidateCount >= HIGH_CANDIDATE_COUNT
        ? 'high'
        : 'medium';
  const parts = [
    `${data.candidateCount} prospective worker(s) stopped before departure to ${data.route.destinationCountry} (polda ${data.polda})`,
  ];
  if (minors > 0) parts.push(`${minors} minor(s) among them`);
  if (data.suspectsArrested !== undefined) parts.push(`${data.suspectsArrested} suspect(s) arrested`);
  return { kind: 'interception', severity, region: data.polda, summary: `${parts.join('; ')}.` };
}

/** High when a suspect is at large (a departure through a checkpoint is likely), else medium. */
export function alertForArrest(data: Arrest): AlertDecision {
  const atLarge = data.suspects.filter((s) => s.status === 'at_large').length;
  const parts = [`${data.suspects.length} suspect(s) recorded (polda ${data.polda})`];
  if (atLarge > 0) parts.push(`${atLarge} at large`);
  return {
    kind: 'arrest',
    severity: atLarge > 0 ? 'high' : 'medium',
    region: data.polda,
    summary: `${parts.join('; ')}.`,
  };
}

/** A checkpoint match: critical on a dpo entry (an at-large suspect) or a deny; else high. */
export function alertForScreeningMatch(data: Match, entryLegalType: string | undefined): AlertDecision {
  const critical = entryLegalType === 'dpo' || data.decision === 'deny';
  return {
    kind: 'watchlist_match',
    severity: critical ? 'critical' : 'high',
    region: data.checkpoint,
    summary: `Watchlist match at checkpoint ${data.checkpoint} (decision ${data.decision}${entryLegalType ? `, ${entryLegalType} entry` : ''}).`,
  };
}

/** A departure delayed at a checkpoint: medium (high when it follows a watchlist match). */
export function alertForDepartureDelayed(data: Delay): AlertDecision {
  return {
    kind: 'departure_delayed',
    severity: data.reason === 'watchlist_match' ? 'high' : 'medium',
    region: data.checkpoint,
    summary: `Departure delayed at checkpoint ${data.checkpoint} (reason ${data.reason}).`,
  };
}

/** Days before a cegah lapses at which the desk is alerted (so an extension can be decided in time). */
export const CEGAH_EXPIRY_NOTICE_DAYS = 14;

/**
 * An entry_expiring alert for a cegah that lapses within 14 days of `now` (and has not yet), else
 * undefined: only a cegah needs a decision to continue; other types simply lapse.
 */
export function alertForExpiringEntry(
  entry: { legalType: string; validUntil: string; status: string },
  region: string,
  now: Date,
): AlertDecision | undefined {
  if (entry.legalType !== 'cegah' || entry.status === 'revoked') return undefined;
  const left = Date.parse(entry.validUntil) - now.getTime();
  if (left <= 0 || left > CEGAH_EXPIRY_NOTICE_DAYS * 86_400_000) return undefined;
  const days = Math.ceil(left / 86_400_000);
  return {
    kind: 'entry_expiring',
    severity: 'medium',
    region,
    summary: `A cegah entry lapses in ${days} day(s); decide on an extension.`,
  };
}
