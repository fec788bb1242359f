import type { JsMsg } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import type { BusConnection } from '../connection/bus-connection.js';
import type { ContractParseResult } from '../contracts.js';
import { BusError, BusErrorCode, describeError } from '../errors.js';
import { consoleLogger, type BusLogger } from '../logger.js';
import type { ConsumerDefinition } from '../provisioning/topology.js';
import type { KeyRegistry } from '../signing/registry.js';
import type { VerifierPool } from '../signing/verifier-pool.js';
import { Admitter, type Admitted, type AdmitStats } from './admit.js';
import { Applier, type ApplyStats } from './apply.js';
import { AttemptCounter } from './attempts.js';
import type { HandlerRegistration } from './handler.js';
import { keepAlive } from './keep-alive.js';
import { Receiver, type ReceiveStats } from './receive.js';
import { DEFAULT_RETRY_DELAYS_MS } from './retry.js';
import { Settler, type SettleStats } from './settle.js';

export interface ConsumerRunnerOptions {
  connection: BusConnection;
  dataSource: DataSource;
  /** Public keys that may sign what this consumer applies. */
  keys: KeyRegistry;
  /** The durable consumer (stream, name, attempts, ack wait). */
  consumer: ConsumerDefinition;
  /** Handlers registered for this durable. */
  handlers: HandlerRegistration[];
  /** Worker threads for Ed25519 verification (shared by a service's runners); inline when absent. */
  verifier?: VerifierPool;
  /** Most messages applied in one transaction (batchable handlers only). Default 64. */
  batchSize?: number;
  /** Batches processed at once by this instance. Default 1. */
  concurrency?: number;
  /** Delay before redelivery after the n-th failed attempt, in milliseconds. */
  retryDelaysMs?: readonly number[];
  /**
   * Pull request expiry, in milliseconds; the server's idle heartbeat is half of it, and a pull
   * that saw neither messages nor heartbeats for 3 heartbeats is recreated. Default 10000.
   */
  pullExpiresMs?: number;
  /**
   * Longest time of one transaction of handlers (inbox rows, handlers, commit), in milliseconds.
   * Past it the transaction is cancelled and rolled back and the messages retried later, so a hung
   * handler cannot hold the durable forever. Default 30000.
   */
  handlerTimeoutMs?: number;
  /**
   * How a body is parsed and validated: by this release's contract when absent, which is what
   * every service runs. Given, it stands in for another release's contract: the rollout test
   * (docs/rollout.md) runs a consumer of the previous release this way, on the same bus code.
   */
  parse?: (raw: Uint8Array) => ContractParseResult;
  logger?: BusLogger;
}

export interface ConsumerRunnerStats extends ReceiveStats, AdmitStats, ApplyStats, SettleStats {}

/**
 * Runs one durable pull consumer for one service instance, as four stages that each have a file:
 * receive (receive.ts: the pull subscription and its watchdog, batching), admit (admit.ts:
 * signature, contract, authorization, handler routing), apply (apply.ts: inbox row and handlers in
 * one bounded transaction, batch fallback) and settle (settle.ts: ack, delayed nak, dead letter
 * then `term()`, never dropping a message). This class wires them and handles the one case that
 * needs two of them: a delivery past the last attempt.
 */
export class ConsumerRunner {
  private readonly name: string;
  private readonly logger: BusLogger;
  private readonly receiver: Receiver;
  private readonly admitter: Admitter;
  private readonly applier: Applier;
  private readonly settler: Settler;
  private readonly attempts: AttemptCounter;
  readonly stats: ConsumerRunnerStats = {
    applied: 0,
    duplicates: 0,
    retried: 0,
    deadLettered: 0,
    deadLettersTruncated: 0,
    deadLetterFailures: 0,
    pullsRecreated: 0,
    verifierFallbacks: 0,
    handlerTimeouts: 0,
  };

  constructor(private readonly options: ConsumerRunnerOptions) {
    const { consumer, connection } = options;
    this.name = consumer.durable;
    this.logger = options.logger ?? consoleLogger(`bus:${this.name}`);
    const handlerTimeoutMs = options.handlerTimeoutMs ?? 30_000;
    if (!Number.isInteger(handlerTimeoutMs) || handlerTimeoutMs < 1) {
      throw new BusError(
        BusErrorCode.CONFIG_INVALID,
        `consumer ${this.name}: handlerTimeoutMs must be a whole number >= 1`,
      );
    }
    const common = { durable: this.name, logger: this.logger, stats: this.stats };
    this.settler = new Settler(
      {
        ...common,
        js: () => connection.js,
        maxAttempts: consumer.maxAttempts,
        ackWaitMs: consumer.ackWaitMs,
        retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      },
      this.stats,
    );
    this.admitter = new Admitter({
      ...common,
      keys: options.keys,
      verifier: options.verifier,
      handlers: options.handlers,
      parse: options.parse,
    });
    this.attempts = new AttemptCounter(options.dataSource, this.name);
    this.applier = new Applier({
      ...common,
      dataSource: options.dataSource,
      handlerTimeoutMs,
      attempts: this.attempts,
    });
    const batchSize = options.batchSize ?? 64;
    this.receiver = new Receiver({
      ...common,
      connection,
      stream: consumer.stream,
      batchSize,
      concurrency: options.concurrency ?? 1,
      pullExpiresMs: Math.max(options.pullExpiresMs ?? 10_000, 1000),
      process: (batch) => this.processBatch(batch),
      onBatchError: (batch, error) => this.batchFailed(batch, error),
      release: (msg) => this.settler.release(msg),
    });
  }

  /** Starts pulling (waits for the connection and the durable in the background). */
  start(): void {
    this.settler.start();
    this.receiver.start();
  }

  /** Stops pulling, lets the batches in flight commit and ack, then returns. */
  async stop(): Promise<void> {
    await this.receiver.stop();
    await this.settler.stop();
  }

  /** Messages held un-acked because their dead letter could not be stored yet (alert when > 0). */
  get deadLettersPending(): number {
    return this.settler.deadLettersPending;
  }

  /** Pending and unacknowledged counts of the durable (for /health). */
  async lag(): Promise<{ pending: number; ackPending: number; redelivered: number }> {
    const info = await this.options.connection.jsm.consumers.info(this.options.consumer.stream, this.name);
    return { pending: info.num_pending, ackPending: info.num_ack_pending, redelivered: info.num_redelivered };
  }

  /** Admits, applies and settles one batch of messages. Exposed for tests. */
  async processBatch(batch: JsMsg[]): Promise<void> {
    const stopKeepAlive = keepAlive(batch, this.options.consumer.ackWaitMs);
    try {
      const admitted: Admitted[] = [];
      for (const admission of await this.admitter.admit(batch)) {
        if ('rejected' in admission) await this.settler.deadLetter(admission.rejected, admission.error);
        else admitted.push(admission.admitted);
      }
      // Counted before any handler runs (throws when the database is away: the batch is retried).
      await this.attempts.begin(admitted);
      const ready: Admitted[] = [];
      for (const p of admitted) {
        if (p.attempt > this.options.consumer.maxAttempts) await this.pastLastAttempt(p);
        else ready.push(p);
      }
      await this.applier.applyAll(ready, {
        applied: (p) => this.settler.ack(p.msg),
        failed: (p, error) => this.settler.failed(p, error),
      });
    } finally {
      stopKeepAlive();
    }
  }

  /**
   * An attempt past the last one (counted in the database, attempts.ts): the previous attempt died
   * with its process, or its dead letter could not be stored. Its handlers never run again; it is
   * acked when the inbox shows it applied, else dead-lettered (held, then nak'ed with a delay, while DEAD_LETTERS refuses: the
   * server redelivers without limit). A database that cannot answer the inbox check also leads to
   * the dead letter: a replay goes through the inbox and applies it once.
   */
  private async pastLastAttempt(p: Admitted): Promise<void> {
    const attempts = this.options.consumer.maxAttempts;
    let applied: boolean;
    try {
      applied = await this.applier.alreadyApplied(p.event.id);
    } catch (error) {
      const d = describeError(error);
      await this.settler.deadLetter(p.msg, {
        code: BusErrorCode.RETRIES_EXHAUSTED,
        name: 'BusError',
        message: `event ${p.event.id} not known to be applied after ${attempts} attempts (inbox check failed: ${d.code} ${d.message})`,
      });
      return;
    }
    if (applied) {
      this.settler.ack(p.msg);
      this.stats.duplicates++;
      return;
    }
    await this.settler.deadLetter(p.msg, {
      code: BusErrorCode.RETRIES_EXHAUSTED,
      name: 'BusError',
      message: `event ${p.event.id} not applied after ${attempts} attempts (last one did not finish)`,
    });
  }

  /**
   * A batch that threw outside the handlers' transactions (the attempt count or the inbox could
   * not be read: the database is away): the settled ones are skipped, the rest are nak'ed for a
   * later retry. Not dead-lettered: no handler may have run, and the attempts that did are counted.
   */
  private async batchFailed(batch: JsMsg[], error: unknown): Promise<void> {
    const d = describeError(error);
    this.logger.error(`consumer ${this.name}: batch failed unexpectedly (${d.code}: ${d.message})`);
    for (const msg of batch) this.settler.retry(msg);
  }
}
