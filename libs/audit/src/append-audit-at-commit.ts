import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { appendAuditMany } from './append-audit.js';
import { normaliseAuditRecord, type AuditRecordInput } from './audit-record.js';

/**
 * Records waiting for their transaction's commit. The audit lock serialises every appending
 * transaction until it commits; a consumer applying a batch of events in one transaction would hold
 * it from its first event on (and could deadlock with a transaction that holds a row lock it needs
 * next and waits for the audit lock). Queued, the records are appended in one statement just
 * before COMMIT: the lock is held for the commit only, whatever the transaction does meanwhile.
 */
const queued = new WeakMap<QueryRunner, AuditRecordInput[]>();
const installed = new WeakSet<DataSource>();

class AppendAuditBeforeCommit implements EntitySubscriberInterface {
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const runner = event.queryRunner;
    // A nested transaction's commit only releases a savepoint: wait for the outermost one.
    if (transactionDepth(runner) > 1) return;
    const records = queued.get(runner);
    queued.delete(runner);
    if (records?.length) await appendAuditMany(runner.manager, records);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) queued.delete(event.queryRunner);
  }
}

function transactionDepth(runner: QueryRunner): number {
  return (runner as unknown as { transactionDepth?: number }).transactionDepth ?? 1;
}

/**
 * Like appendAudit, but appended just before the caller's transaction commits (with it, or not at
 * all). The record is validated now: an invalid one throws here, where the step is.
 */
export function appendAuditAtCommit(manager: EntityManager, record: AuditRecordInput): void {
  normaliseAuditRecord(record);
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('appendAuditAtCommit must run inside a transaction');
  const dataSource = manager.connection;
  if (!installed.has(dataSource)) {
    installed.add(dataSource);
    dataSource.subscribers.push(new AppendAuditBeforeCommit());
  }
  const list = queued.get(runner) ?? [];
  list.push(record);
  queued.set(runner, list);
}
