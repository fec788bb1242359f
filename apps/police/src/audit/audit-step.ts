import { appendAuditAtCommit } from '@simpul/audit';
import type { BusEvent } from '@simpul/bus';
import { unitFromSource } from '@simpul/contracts';
import type { EntityManager } from 'typeorm';

/** Why the police service processes personal data: investigating and preventing trafficking. */
export const POLICE_PURPOSE = 'law_enforcement';

/** One processing step, recorded in the audit chain (UU PDP art. 31). */
export interface AuditStep {
  action: string;
  recordType: string;
  recordId: string;
}

/**
 * Records the processing of a bus event in the handler's transaction (the inbox's): appended just
 * before it commits, so the audit row commits with the effects, and a consumer batch takes the audit
 * lock once, at its commit. The unit is the one that published the event.
 */
export function auditEventStep(manager: EntityManager, event: BusEvent, step: AuditStep): void {
  appendAuditAtCommit(manager, {
    unit: unitFromSource(event.source) ?? event.source,
    purpose: POLICE_PURPOSE,
    eventId: event.id,
    ...step,
  });
}
