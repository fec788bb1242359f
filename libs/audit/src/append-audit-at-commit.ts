import { queueBeforeCommit } from '@simpul/bus';
import type { EntityManager } from 'typeorm';
import { appendAuditMany } from './append-audit.js';
import { normaliseAuditRecord, type AuditRecordInput } from './audit-record.js';

/**
 * The queue of records waiting for their transaction's commit. The audit lock serialises every
 * appending transaction until it commits; a consumer applying a batch of events in one transaction
 * would hold it from its first event on (and could deadlock with a transaction that holds a row
 * lock it needs next and waits for the audit lock). Queued on the shared before-commit hook of
 * @simpul/bus, the records are appended in one statement just before COMMIT: the lock is held for
 * the commit only, whatever the transaction does meanwhile.
 */
const AUDIT_QUEUE = { name: 'audit records' };

/**
 * Like appendAudit, but appended just before the caller's transaction commits (with it, or not at
 * all). The record is validated now: an invalid one throws here, where the step is.
 */
export function appendAuditAtCommit(manager: EntityManager, record: AuditRecordInput): void {
  normaliseAuditRecord(record);
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('appendAuditAtCommit must run inside a transaction');
  queueBeforeCommit(runner, AUDIT_QUEUE, record, async (records) => {
    await appendAuditMany(runner.manager, records);
  });
}
