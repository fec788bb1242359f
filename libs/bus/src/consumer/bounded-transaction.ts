import type { DataSource, EntityManager } from 'typeorm';
import { BusError, BusErrorCode } from '../errors.js';

export interface BoundedTransactionOptions {
  /** Longest time of the whole transaction, in milliseconds. */
  timeoutMs: number;
  /** After cancelling, how long to wait for the transaction to roll back before killing its session. Default 5000. */
  graceMs?: number;
}

/**
 * Runs `work` in a transaction that may last at most `timeoutMs`. Past it, the statement the
 * session is running is cancelled (`pg_cancel_backend`): the handler's query fails, the transaction
 * rolls back and its connection returns to the pool clean. A handler stuck outside the database
 * (not in a query) is given `graceMs` more, then its session is terminated
 * (`pg_terminate_backend`), which rolls the transaction back on the server and lets the pool drop
 * the connection. Either way this rejects with BUS.HANDLER_TIMEOUT, so the caller can retry the
 * message instead of heartbeating it forever. If the work commits during the grace after all, its
 * result is returned (nothing to retry).
 *
 * A signal names the transaction, not just its server process: the deadline can fire as the work
 * commits, and by the time the signal arrives the connection may be back in the pool running
 * another consumer's transaction, which a signal by pid alone would cancel or kill.
 */
export async function boundedTransaction<T>(
  dataSource: DataSource,
  options: BoundedTransactionOptions,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  let self: TransactionIdentity | undefined;
  let abandoned = false;
  const transaction = dataSource.transaction(async (manager) => {
    self = await transactionIdentity(manager);
    // Given up on while waiting for a connection: do not start the work at all.
    if (abandoned) throw timeoutError(options.timeoutMs);
    return work(manager);
  });
  // Observed whatever happens, so a transaction given up on never rejects unhandled.
  const outcome = transaction.then(
    (value) => ({ done: true as const, ok: true as const, value }),
    (error: unknown) => ({ done: true as const, ok: false as const, error }),
  );
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), options.timeoutMs);
  });
  const first = await Promise.race([outcome, deadline]);
  clearTimeout(timer);
  if (first.done) {
    if (first.ok) return first.value;
    throw first.error;
  }

  abandoned = true;
  if (self !== undefined) await signalTransaction(dataSource, 'pg_cancel_backend', self);
  let graceTimer: NodeJS.Timeout | undefined;
  const grace = new Promise<{ done: false }>((resolve) => {
    graceTimer = setTimeout(() => resolve({ done: false }), options.graceMs ?? 5000);
  });
  const afterCancel = await Promise.race([outcome, grace]);
  clearTimeout(graceTimer);
  if (afterCancel.done && afterCancel.ok) return afterCancel.value;
  if (!afterCancel.done && self !== undefined)
    await signalTransaction(dataSource, 'pg_terminate_backend', self);
  throw timeoutError(options.timeoutMs);
}

function timeoutError(timeoutMs: number): BusError {
  return new BusError(
    BusErrorCode.HANDLER_TIMEOUT,
    `consumer transaction ran past ${timeoutMs} ms: cancelled and rolled back`,
  );
}

/** A transaction on the server: its process, and its start (UTC, to the microsecond, as text). */
interface TransactionIdentity {
  pid: number;
  startedAt: string;
}

/**
 * The transaction's process and start. `now()` is the transaction's start, the very value
 * pg_stat_activity shows as `xact_start`; as UTC text it crosses to another session exactly
 * (a JavaScript Date would drop the microseconds).
 */
async function transactionIdentity(manager: EntityManager): Promise<TransactionIdentity> {
  const rows: Array<{ pid: number; startedAt: string }> = await manager.query(
    `SELECT pg_backend_pid() AS pid,
            to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "startedAt"`,
  );
  return rows[0]!;
}

/**
 * Cancels or terminates the session only while it still runs this transaction (best effort: it
 * may have ended by itself meanwhile, and then nothing is signalled).
 */
async function signalTransaction(
  dataSource: DataSource,
  fn: 'pg_cancel_backend' | 'pg_terminate_backend',
  target: TransactionIdentity,
): Promise<void> {
  await dataSource
    .query(
      `SELECT ${fn}(pid) FROM pg_stat_activity
        WHERE pid = $1 AND xact_start = ($2::timestamp AT TIME ZONE 'UTC')`,
      [target.pid, target.startedAt],
    )
    .catch(() => undefined);
}
