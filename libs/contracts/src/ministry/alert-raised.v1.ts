import { Describe, OneOf, Text, UnitCode, Uuid, UuidArray } from '../common/decorators.js';

export const MINISTRY_ALERT_RAISED_V1 = 'ministry.alert.raised.v1';

export const ALERT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_KINDS = [
  'interception',
  'arrest',
  'watchlist_match',
  'departure_delayed',
  'company_violation',
  'entry_expiring',
  'patrol_finding',
  'sla_breached',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** ministry.alert.raised.v1: KP2MI raised an alert for its rapid response team. */
@Describe('KP2MI raised an alert for its rapid response team.')
export class MinistryAlertRaisedV1 {
  /** Id (UUID) of the alert. Not personal data. */
  @Describe('Id (UUID) of the alert. Not personal data.')
  @Uuid()
  alertId!: string;

  /** Id (UUID) of the ministry case the alert belongs to. Not personal data. */
  @Describe('Id (UUID) of the ministry case the alert belongs to. Not personal data.')
  @Uuid()
  caseId!: string;

  /** low, medium, high or critical. Not personal data. */
  @Describe('low, medium, high or critical. Not personal data.')
  @OneOf(ALERT_SEVERITIES)
  severity!: AlertSeverity;

  /** What triggered it: interception, arrest, watchlist_match, departure_delayed, company_violation, entry_expiring, patrol_finding or sla_breached. Not personal data. */
  @Describe(
    'What triggered it: interception, arrest, watchlist_match, departure_delayed, company_violation, entry_expiring, patrol_finding or sla_breached. Not personal data.',
  )
  @OneOf(ALERT_KINDS)
  kind!: AlertKind;

  /** The Polda or checkpoint code the alert concerns (riau, batam-center). Not personal data. */
  @Describe('The Polda or checkpoint code the alert concerns (riau, batam-center). Not personal data.')
  @UnitCode()
  region!: string;

  /** Human summary for the response team, 1-2000 characters. May contain personal data: never log it. */
  @Describe(
    'Human summary for the response team, 1-2000 characters. May contain personal data: never log it.',
  )
  @Text({ max: 2000 })
  summary!: string;

  /** Ids (UUIDs) of the events that produced the alert, 1-100. Not personal data. */
  @Describe('Ids (UUIDs) of the events that produced the alert, 1-100. Not personal data.')
  @UuidArray({ minItems: 1, maxItems: 100 })
  sourceEventIds!: string[];
}
