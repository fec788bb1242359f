import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
} from 'typeorm';

/**
 * Work tied to the real commit of a TypeORM transaction: `beforeCommit` runs inside it, just
 * before COMMIT (the audit log appends there, so its lock is held for the commit only);
 * `afterCommit` runs once it has committed (the outbox wakes its relay). Both are dropped if the
 * transaction rolls back.
 *
 * TypeORM broadcasts the commit and rollback of a nested transaction (a savepoint) like the real
 * ones. The depth is counted here from the start, commit and rollback events (TypeORM's own
 * counter is private), and the end of the outermost transaction is confirmed by
 * `isTransactionActive`. Work registered inside a savepoint that rolls back is dropped with it; a
 * savepoint that is released hands its work to the enclosing transaction.
 */
interface Registered<T> {
  /** Transaction depth at registration (1 = outermost). */
  depth: number;
  work: T;
  /** Work with the same key is kept once per transaction. */
  key?: unknown;
}

/** Before-commit work: alone (`run`), or one item of a queue flushed in one call per transaction. */
type BeforeWork =
  { run: () => Promise<void> } | { item: unknown; flush: (items: unknown[]) => Promise<void> };

interface RunnerHooks {
  /** Open transactions on the runner; undefined when they began before the hooks were installed. */
  depth: number | undefined;
  before: Array<Registered<BeforeWork>>;
  after: Array<Registered<() => void>>;
}

const hooks = new WeakMap<QueryRunner, RunnerHooks>();
const installed = new WeakSet<DataSource>();

class CommitHooksSubscriber implements EntitySubscriberInterface {
  afterTransactionStart(event: TransactionStartEvent): void {
    const state = stateOf(event.queryRunner);
    state.depth = (state.depth ?? 0) + 1;
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const state = hooks.get(event.queryRunner);
    // Not yet the outermost commit (a savepoint's release), or nothing registered.
    if (!state || (state.depth ?? 1) > 1) return;
    // Work may register more work (another before-commit step): run until none is left.
    while (state.before.length > 0) {
      const batch = state.before.splice(0);
      const queues = new Map<unknown, { flush: (items: unknown[]) => Promise<void>; items: unknown[] }>();
      for (const { work, key } of batch) {
        if ('item' in work) {
          const queue = queues.get(key) ?? { flush: work.flush, items: [] };
          queue.items.push(work.item);
          queues.set(key, queue);
        }
      }
      for (const { work, key } of batch) {
        if ('run' in work) await work.run();
        else if (queues.has(key)) {
          // The queue is flushed where its first item was registered, in registration order.
          const queue = queues.get(key)!;
          queues.delete(key);
          await queue.flush(queue.items);
        }
      }
    }
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    const state = hooks.get(runner);
    if (!state) return;
    if (runner.isTransactionActive) {
      // A savepoint released: its work now belongs to the enclosing transaction.
      const depth = Math.max(1, (state.depth ?? 2) - 1);
      state.depth = depth;
      for (const r of [...state.before, ...state.after]) r.depth = Math.min(r.depth, depth);
      return;
    }
    hooks.delete(runner);
    for (const { work } of state.after) {
      // Committed whatever the work does: a failure must not make the commit look failed.
      try {
        work();
      } catch {
        // after-commit work only wakes things up; the next poll does the same
      }
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const runner = event.queryRunner;
    const state = hooks.get(runner);
    if (!state) return;
    if (!runner.isTransactionActive) {
      hooks.delete(runner);
      return;
    }
    // A savepoint rolled back: drop what was registered inside it.
    const depth = Math.max(1, (state.depth ?? 2) - 1);
    state.depth = depth;
    state.before = state.before.filter((r) => r.depth <= depth);
    state.after = state.after.filter((r) => r.depth <= depth);
  }
}

function stateOf(runner: QueryRunner): RunnerHooks {
  let state = hooks.get(runner);
  if (!state) hooks.set(runner, (state = { depth: undefined, before: [], after: [] }));
  return state;
}

/**
 * Installs the hooks on a DataSource (once; registering work installs them too). Installed before
 * the first transaction, depths are exact; a transaction already open when they are installed is
 * taken as the outermost.
 */
export function installCommitHooks(dataSource: DataSource): void {
  if (installed.has(dataSource)) return;
  installed.add(dataSource);
  dataSource.subscribers.push(new CommitHooksSubscriber());
}

function runnerOf(target: EntityManager | QueryRunner): QueryRunner | undefined {
  return 'startTransaction' in target ? target : target.queryRunner;
}

function register<T>(runner: QueryRunner, list: 'before' | 'after', work: T, key: unknown): void {
  installCommitHooks(runner.dataSource);
  const state = stateOf(runner);
  // A transaction that began before the hooks were installed is taken as the outermost.
  state.depth ??= 1;
  (state[list] as Array<Registered<T>>).push({ depth: state.depth, work, key });
}

function transactionOf(target: EntityManager | QueryRunner, what: string): QueryRunner {
  const runner = runnerOf(target);
  if (!runner?.isTransactionActive) throw new Error(`${what} must run inside a transaction`);
  return runner;
}

/**
 * Runs `work` inside the transaction of `target`, just before its outermost COMMIT (after every
 * other statement). Throws outside a transaction: there is no commit to run before.
 */
export function beforeCommit(target: EntityManager | QueryRunner, work: () => Promise<void>): void {
  register<BeforeWork>(transactionOf(target, 'beforeCommit'), 'before', { run: work }, undefined);
}

/**
 * Queues `item` under `key` for the commit of `target`'s transaction: just before its outermost
 * COMMIT, `flush` is called once with every item of that key still queued, in order (items queued
 * inside a savepoint that rolled back are not among them). Throws outside a transaction.
 */
export function queueBeforeCommit<T>(
  target: EntityManager | QueryRunner,
  key: object,
  item: T,
  flush: (items: T[]) => Promise<void>,
): void {
  const work = { item, flush: flush as (items: unknown[]) => Promise<void> };
  register<BeforeWork>(transactionOf(target, 'queueBeforeCommit'), 'before', work, key);
}

/**
 * Runs `work` once the transaction of `target` has committed (never if it rolls back); at once
 * outside a transaction (the statements before it have committed already). With a `key`, work
 * under that key runs once per transaction however often it is registered.
 */
export function afterCommit(target: EntityManager | QueryRunner, work: () => void, key?: unknown): void {
  const runner = runnerOf(target);
  if (!runner?.isTransactionActive) {
    work();
    return;
  }
  const state = hooks.get(runner);
  if (key !== undefined && state?.after.some((r) => r.key === key)) return;
  register(runner, 'after', work, key);
}
