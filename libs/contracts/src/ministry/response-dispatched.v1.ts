import { DateTime, Describe, Enforce, Text, Uuid } from '../common/decorators.js';
import { dueByAfterDispatchedAt } from '../rules/validity.rules.js';

export const MINISTRY_RESPONSE_DISPATCHED_V1 = 'ministry.response.dispatched.v1';

/** ministry.response.dispatched.v1: KP2MI sent its rapid response team on an alert. */
@Describe('KP2MI sent its rapid response team on an alert.')
export class MinistryResponseDispatchedV1 {
  /** Id (UUID) of the dispatch. Not personal data. */
  @Describe('Id (UUID) of the dispatch. Not personal data.')
  @Uuid()
  dispatchId!: string;

  /** Id (UUID) of the alert the team answers. Not personal data. */
  @Describe('Id (UUID) of the alert the team answers. Not personal data.')
  @Uuid()
  alertId!: string;

  /** Id (UUID) of the alert's case. Not personal data. */
  @Describe('Id (UUID) of the alert\u2019s case. Not personal data.')
  @Uuid()
  caseId!: string;

  /** The team sent (its name or call sign), 1-120 characters. Not personal data. */
  @Describe('The team sent (its name or call sign), 1-120 characters. Not personal data.')
  @Text({ max: 120 })
  team!: string;

  /** When it was sent: ISO 8601 date-time with a zone. Not personal data. */
  @Describe('When it was sent: ISO 8601 date-time with a zone. Not personal data.')
  @DateTime()
  dispatchedAt!: string;

  /** When it is due to report, strictly after dispatchedAt (from the alert's severity). Not personal data. */
  @Describe(
    'When it is due to report, strictly after dispatchedAt (from the alert\u2019s severity). Not personal data.',
  )
  @DateTime()
  @Enforce(dueByAfterDispatchedAt)
  dueBy!: string;
}
