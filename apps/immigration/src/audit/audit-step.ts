import { appendAuditAtCommit } from '@simpul/audit';
import type { BusEvent } from '@simpul/bus';
import { unitFromSource } from '@simpul/contracts';
import type { EntityManager } from 'typeorm';

/** Why the checkpoints process personal data: screening departures against the watchlist. */
export const IMMIGRATION_PURPOSE = 'border_control';

/** One processing step, recorded in the audit chain (UU PDP art. 31). */
export interface AuditStep {
  action: string;
  recordType: string;
  recordId: string;
}

/**
 * Records the processing of bus events in the consumer's transaction (the inbox's), one row per
 * event, appended just before it commits: the rows commit with the effects, and the audit lock is
 * taken once, at the commit. The unit is the one that published each event.
 */
export function auditEventSteps(
  manager: EntityManager,
  steps: ReadonlyArray<{ event: BusEvent; step: AuditStep }>,
): void {
  for (const { event, step } of steps) {
    appendAuditAtCommit(manager, {
      unit: unitFromSource(event.source) ?? event.source,
      purpose: IMMIGRATION_PURPOSE,
      eventId: event.id,
      ...step,
    });
  }
}
