import type {
  DataSource,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

/**
 * Wakes the relay the moment a transaction that appended to the outbox commits, in this process,
 * instead of waiting for its next poll. TypeORM broadcasts `afterTransactionCommit` to the
 * DataSource's subscribers; a commit of a savepoint (nested transaction) is not the real commit,
 * so we wait until the query runner's outermost transaction has ended.
 */
const dirty = new WeakSet<QueryRunner>();
const listeners = new WeakMap<DataSource, Set<() => void>>();
const installed = new WeakSet<DataSource>();

class OutboxCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const qr = event.queryRunner;
    if (qr.isTransactionActive || !dirty.has(qr)) return;
    dirty.delete(qr);
    for (const listener of listeners.get(qr.dataSource) ?? []) listener();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) dirty.delete(event.queryRunner);
  }
}

function install(dataSource: DataSource): void {
  if (installed.has(dataSource)) return;
  installed.add(dataSource);
  dataSource.subscribers.push(new OutboxCommitSubscriber());
}

/** Records that `queryRunner`'s transaction wrote to the outbox. */
export function markOutboxWrite(queryRunner: QueryRunner): void {
  install(queryRunner.dataSource);
  dirty.add(queryRunner);
}

/** Calls `listener` after each commit that appended to the outbox. Returns an unsubscribe function. */
export function onOutboxCommit(dataSource: DataSource, listener: () => void): () => void {
  install(dataSource);
  let set = listeners.get(dataSource);
  if (!set) listeners.set(dataSource, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}
