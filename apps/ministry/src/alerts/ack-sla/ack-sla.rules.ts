// The acknowledgement SLA of critical alerts (docs/contract.md §13), framework-free.
// Summaries hold ids, codes and times only, never names or identifiers of people.
import type { AlertDecision } from '../alert.rules.js';

/**
 * Longest allowance applied, in seconds (100 years): MINISTRY_ACK_SLA_SECONDS takes any integer from
 * 1, and a deadline past what PostgreSQL can represent would fail every alert raised.
 */
export const MAX_ACK_SLA_SECONDS = 100 * 365 * 24 * 3600;

/**
 * Seconds after it is raised by which an alert must be acknowledged or dispatched, or null when it
 * has no deadline: only critical alerts have one, and an sla_breached alert none of its own (a breach
 * never breeds another).
 */
export function ackAllowanceSeconds(
  alert: Pick<AlertDecision, 'kind' | 'severity'>,
  slaSeconds: number,
): number | null {
  if (alert.severity !== 'critical' || alert.kind === 'sla_breached') return null;
  return Math.min(slaSeconds, MAX_ACK_SLA_SECONDS);
}

/** The sla_breached alert of a critical alert left unanswered past its deadline: high, same case and region. */
export function alertForAckSlaBreach(alert: {
  id: string;
  kind: string;
  region: string;
  ackDueAt: Date;
}): AlertDecision {
  return {
    kind: 'sla_breached',
    severity: 'high',
    region: alert.region,
    summary: `Critical alert ${alert.id} (${alert.kind}) was neither acknowledged nor dispatched by ${alert.ackDueAt.toISOString()}.`,
  };
}
