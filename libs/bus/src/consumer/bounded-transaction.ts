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
 */
export async function boundedTransaction<T>(
  dataSource: DataSource,
  options: BoundedTransactionOptions,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  let pid: number | undefined;
  let abandoned = false;
  const transaction = dataSource.transaction(async (manager) => {
    pid = await backendPid(manager);
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
  if (pid !== undefined) await signalBackend(dataSource, 'pg_cancel_backend', pid);
  let graceTimer: NodeJS.Timeout | undefined;
  const grace = new Promise<{ done: false }>((resolve) => {
    graceTimer = setTimeout(() => resolve({ done: false }), options.graceMs ?? 5000);
  });
  const afterCancel = await Promise.race([outcome, grace]);
  clearTimeout(graceTimer);
  if (afterCancel.done && afterCancel.ok) return afterCancel.value;
  if (!afterCancel.done && pid !== undefined) await signalBackend(dataSource, 'pg_terminate_backend', pid);
  throw timeoutError(options.timeoutMs);
}

function timeoutError(timeoutMs: number): BusError {
  return new BusError(
    BusErrorCode.HANDLER_TIMEOUT,
    `consumer transaction ran past ${timeoutMs} ms: cancelled and rolled back`,
  );
}

/** The server process of the transaction's connection (node-postgres knows it from the handshake). */
async function backendPid(manager: EntityManager): Promise<number> {
  const connection = (await manager.queryRunner?.connect()) as { processID?: unknown } | undefined;
  if (typeof connection?.processID === 'number') return connection.processID;
  const rows: Array<{ pid: number }> = await manager.query(`SELECT pg_backend_pid() AS pid`);
  return rows[0]!.pid;
}

/** Best effort: the session may have ended by itself meanwhile. */
async function signalBackend(
  dataSource: DataSource,
  fn: 'pg_cancel_backend' | 'pg_terminate_backend',
  pid: number,
): Promise<void> {
  await dataSource.query(`SELECT ${fn}($1)`, [pid]).catch(() => undefined);
}
