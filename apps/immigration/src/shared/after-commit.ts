import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

/**
 * Runs work after the transaction of `manager` has really committed (the outermost one, not a
 * savepoint), and drops it on rollback. The in-memory watchlist index must never hold state the
 * database then rolled back; a rolled-back event is redelivered and applied again (redo is harmless:
 * the index keeps the highest-ranked state per entry).
 */
const pending = new WeakMap<QueryRunner, Array<() => void>>();
const installed = new WeakSet<DataSource>();

class AfterCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const qr = event.queryRunner;
    if (qr.isTransactionActive) return;
    const work = pending.get(qr);
    pending.delete(qr);
    for (const fn of work ?? []) fn();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) pending.delete(event.queryRunner);
  }
}

/** Installs the commit listener on a DataSource (once). */
export function installAfterCommit(dataSource: DataSource): void {
  if (installed.has(dataSource)) return;
  installed.add(dataSource);
  dataSource.subscribers.push(new AfterCommitSubscriber());
}

/** Schedules `fn` for after the commit of `manager`'s transaction; runs it now outside a transaction. */
export function afterCommit(manager: EntityManager, fn: () => void): void {
  const qr = manager.queryRunner;
  if (!qr || !qr.isTransactionActive) {
    fn();
    return;
  }
  installAfterCommit(qr.dataSource);
  const list = pending.get(qr) ?? [];
  list.push(fn);
  pending.set(qr, list);
}
