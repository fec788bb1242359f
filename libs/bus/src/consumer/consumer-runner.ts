import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { DataSource, EntityManager } from 'typeorm';
import { backoffDelay } from '../connection/backoff.js';
import type { BusConnection } from '../connection/bus-connection.js';
import { contractSubjectFor, parseContractEvent, type BusEvent } from '../contracts.js';
import {
  BusError,
  BusErrorCode,
  describeError,
  PoisonMessageError,
  RetryLaterError,
  type SafeErrorDescription,
} from '../errors.js';
import { BusHeader } from '../headers.js';
import { consoleLogger, type BusLogger } from '../logger.js';
import type { ConsumerDefinition } from '../provisioning/topology.js';
import type { KeyRegistry } from '../signing/registry.js';
import { verifyBytes } from '../signing/keys.js';
import type { VerifierPool } from '../signing/verifier-pool.js';
import {
  authorizeEvent,
  claimedSignature,
  verifyCanonicalForm,
  type ClaimedSignature,
} from '../signing/verify.js';
import { currentTrace } from '../tracing/traceparent.js';
import type { DeliveryInfo, HandlerRegistration } from './handler.js';
import { DEFAULT_RETRY_DELAYS_MS, retryDelay } from './retry.js';
import { boundedTransaction } from './bounded-transaction.js';
import { PullWatchdog } from './pull-watchdog.js';
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
  logger?: BusLogger;
}

/** A message that passed signature, contract and authorization checks. */
interface Prepared {
  msg: JsMsg;
  event: BusEvent;
  handlers: HandlerRegistration[];
  delivery: DeliveryInfo;
}

export interface ConsumerRunnerStats extends SettleStats {
  applied: number;
  duplicates: number;
  retried: number;
  pullsRecreated: number;
  /** Verifier pool failures answered by verifying on the event loop instead. */
  verifierFallbacks: number;
  /** Transactions cancelled for running past the handler time limit. */
  handlerTimeouts: number;
}

/**
 * Runs one durable pull consumer for one service instance. Per message: verify the signature,
 * parse with the contracts, check who may say what, then in ONE transaction insert the inbox row
 * `(consumer, event id)` (a conflict means already applied: skip) and run the handlers with that
 * transaction's manager; commit; then ack. Messages that arrive together are applied in one
 * transaction when all their handlers allow it; if that transaction fails, each is retried alone
 * so one bad message cannot hold back the others. Retryable failures are nak'ed with a delay;
 * poison goes to DEAD_LETTERS with its original headers and body, then `term()`.
 */
export class ConsumerRunner {
  private readonly name: string;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly retryDelaysMs: readonly number[];
  private readonly pullExpiresMs: number;
  private readonly handlerTimeoutMs: number;
  private readonly logger: BusLogger;
  private readonly byType = new Map<string, HandlerRegistration[]>();
  private running = false;
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  private watchdog: PullWatchdog | undefined;
  private unsubscribeReconnect: (() => void) | undefined;
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
  private readonly settler: Settler;

  constructor(private readonly options: ConsumerRunnerOptions) {
    this.name = options.consumer.durable;
    this.batchSize = options.batchSize ?? 64;
    this.concurrency = options.concurrency ?? 1;
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.pullExpiresMs = Math.max(options.pullExpiresMs ?? 10_000, 1000);
    this.handlerTimeoutMs = options.handlerTimeoutMs ?? 30_000;
    if (!Number.isInteger(this.handlerTimeoutMs) || this.handlerTimeoutMs < 1) {
      throw new BusError(
        BusErrorCode.CONFIG_INVALID,
        `consumer ${this.name}: handlerTimeoutMs must be a whole number >= 1`,
      );
    }
    this.logger = options.logger ?? consoleLogger(`bus:${this.name}`);
    this.settler = new Settler(
      {
        js: () => options.connection.js,
        durable: this.name,
        maxAttempts: options.consumer.maxAttempts,
        ackWaitMs: options.consumer.ackWaitMs,
        retryDelaysMs: this.retryDelaysMs,
        logger: this.logger,
      },
      this.stats,
    );
    for (const h of options.handlers) {
      if (h.consumer !== this.name) continue;
      const list = this.byType.get(h.type) ?? [];
      list.push(h);
      this.byType.set(h.type, list);
    }
  }

  /** Starts pulling (waits for the connection and the durable in the background). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.settler.start();
    this.loop = this.run();
  }

  /** Stops pulling, lets the batches in flight commit and ack, then returns. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unsubscribeReconnect?.();
    this.watchdog?.stop();
    await this.messages?.close().catch(() => undefined);
    await this.loop;
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

  private async run(): Promise<void> {
    let attempt = 0;
    while (this.running) {
      try {
        await this.options.connection.ready();
        const consumer = await this.options.connection.js.consumers.get(
          this.options.consumer.stream,
          this.name,
        );
        attempt = 0;
        await this.pull(consumer);
      } catch (error) {
        if (!this.running) break;
        const d = describeError(error);
        const delay = backoffDelay(attempt++, { initialMs: 250, maxMs: 10_000 });
        this.logger.warn(
          `consumer ${this.name}: pull failed (${d.code}: ${d.message}); again in ${delay} ms`,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** One pull subscription: feeds batches until it ends (stop, or the watchdog recreating it). */
  private async pull(consumer: Consumer): Promise<void> {
    const messages = await consumer.consume({
      max_messages: this.batchSize * 2,
      expires: this.pullExpiresMs,
    });
    this.messages = messages;
    const watchdog = new PullWatchdog({
      heartbeatMs: this.pullExpiresMs / 2,
      isConnected: () => this.options.connection.isConnected(),
      onStall: () => {
        this.stats.pullsRecreated++;
        this.logger.warn(`consumer ${this.name}: pull stalled (no heartbeat); recreating it`);
        void messages.close().catch(() => undefined);
      },
    });
    this.watchdog = watchdog;
    this.unsubscribeReconnect?.();
    // After a reconnect the client re-pulls by itself; the watchdog checks that it really does.
    this.unsubscribeReconnect = this.options.connection.onReconnect(() => watchdog.reset());
    watchdog.start();
    void (async () => {
      for await (const status of messages.status()) {
        if (status.type === 'heartbeat' || status.type === 'next') watchdog.alive();
        if (status.type === 'heartbeats_missed') watchdog.missed(status.count);
      }
    })().catch(() => undefined);

    // A feeder moves delivered messages into a bounded buffer; processors take everything buffered
    // (up to the batch size) whenever they are free. Batches fill under load and stay at one
    // message, the lowest latency, when traffic is light. (The iterator's getPending() cannot
    // tell this: it counts queued pull requests as messages.)
    const buffer: JsMsg[] = [];
    const capacity = this.batchSize * 2;
    let ended = false;
    let dataWaiters: Array<() => void> = [];
    let spaceWaiter: (() => void) | undefined;
    const wakeProcessors = (): void => {
      const waiters = dataWaiters;
      dataWaiters = [];
      for (const w of waiters) w();
    };
    const wakeFeeder = (): void => {
      const w = spaceWaiter;
      spaceWaiter = undefined;
      w?.();
    };
    const feeder = (async () => {
      try {
        for await (const msg of messages) {
          watchdog.alive();
          buffer.push(msg);
          wakeProcessors();
          while (buffer.length >= capacity && this.running)
            await new Promise<void>((resolve) => (spaceWaiter = resolve));
        }
      } finally {
        ended = true;
        wakeProcessors();
      }
    })();
    const processor = async (): Promise<void> => {
      for (;;) {
        if (!this.running) {
          // Received but not started: let the server hand them to another instance at once.
          for (const msg of buffer.splice(0)) this.settler.release(msg);
          wakeFeeder();
          return;
        }
        if (buffer.length === 0) {
          if (ended) return;
          await new Promise<void>((resolve) => dataWaiters.push(resolve));
          continue;
        }
        const taken = buffer.splice(0, this.batchSize);
        wakeFeeder();
        await this.processBatch(taken).catch(async (error: unknown) => {
          const d = describeError(error);
          this.logger.error(`consumer ${this.name}: batch failed unexpectedly (${d.code}: ${d.message})`);
          // The settled ones are skipped; the rest come back soon, or are dead-lettered (replayable)
          // when this was their final delivery.
          for (const msg of taken) await this.settler.retry(msg, d);
        });
      }
    };
    try {
      await Promise.all([feeder, ...Array.from({ length: this.concurrency }, processor)]);
    } finally {
      watchdog.stop();
    }
  }

  /** Checks, applies and settles one batch of messages. Exposed for tests. */
  async processBatch(batch: JsMsg[]): Promise<void> {
    const keepAlive = setInterval(
      () => batch.forEach((m) => m.working()),
      Math.max(this.options.consumer.ackWaitMs / 3, 250),
    );
    try {
      const signatures = await this.verifyBatch(batch);
      const ready: Prepared[] = [];
      for (let i = 0; i < batch.length; i++) {
        const prepared = await this.prepare(batch[i]!, signatures[i]!);
        if (prepared) ready.push(prepared);
      }
      const together = ready.filter((p) => p.handlers.every((h) => h.batchable));
      const alone = ready.filter((p) => !together.includes(p));
      if (together.length > 1) {
        try {
          await this.apply(together);
          together.forEach((p) => this.settler.ack(p.msg));
        } catch {
          // One of them failed: apply each alone so the others still commit.
          for (const p of together) await this.applyAlone(p);
        }
      } else {
        for (const p of together) await this.applyAlone(p);
      }
      for (const p of alone) await this.applyAlone(p);
    } finally {
      clearInterval(keepAlive);
    }
  }

  /**
   * Signature checks of a whole batch: the claimed key of each message, then one Ed25519 verify
   * per message over the bytes as received, on the verifier pool when there is one. A message that
   * fails gets its second chance (canonical form) in prepare().
   */
  private async verifyBatch(
    batch: JsMsg[],
  ): Promise<Array<{ claimed?: ClaimedSignature; error?: unknown; fast: boolean }>> {
    const out = batch.map((msg) => {
      try {
        return { claimed: claimedSignature(msg.headers, this.options.keys), fast: false };
      } catch (error) {
        return { error, fast: false };
      }
    });
    const jobs = out.flatMap((o, i) =>
      o.claimed
        ? [
            {
              i,
              job: {
                data: batch[i]!.data,
                signature: o.claimed.signature,
                publicKey: o.claimed.key.publicKeyX,
              },
            },
          ]
        : [],
    );
    const inline = (): boolean[] =>
      jobs.map(({ i, job }) => verifyBytes(batch[i]!.data, job.signature, out[i]!.claimed!.key.publicKey));
    let results: boolean[];
    try {
      results = this.options.verifier ? await this.options.verifier.verify(jobs.map((j) => j.job)) : inline();
    } catch (error) {
      // A worker died or the pool is closing: an infrastructure fault, not the message's. Verify
      // here instead, so no message loses a delivery (or its last one) to it.
      const d = describeError(error);
      this.stats.verifierFallbacks++;
      this.logger.warn(`consumer ${this.name}: verifier pool failed (${d.code}); verifying inline`);
      results = inline();
    }
    jobs.forEach(({ i }, n) => (out[i]!.fast = results[n] === true));
    return out;
  }

  /** Verifies, parses and authorizes; dead-letters what can never succeed. Undefined = settled already. */
  private async prepare(
    msg: JsMsg,
    signature: { claimed?: ClaimedSignature; error?: unknown; fast: boolean },
  ): Promise<Prepared | undefined> {
    let event: BusEvent;
    try {
      if (!signature.claimed) throw signature.error;
      const key = signature.fast ? signature.claimed.key : verifyCanonicalForm(msg.data, signature.claimed);
      const parsed = parseContractEvent(msg.data);
      if (!parsed.ok) {
        throw new BusError(
          BusErrorCode.EVENT_INVALID,
          `invalid event: ${parsed.errors
            .slice(0, 20)
            .map((e) => `${e.path} (${e.rule})`)
            .join(', ')}`,
        );
      }
      event = parsed.event;
      let expectedSubject: string | undefined;
      try {
        expectedSubject = contractSubjectFor(event);
      } catch {
        expectedSubject = undefined;
      }
      authorizeEvent(key, event, msg.subject, expectedSubject);
    } catch (error) {
      await this.deadLetter(msg, describeError(error));
      return undefined;
    }
    const handlers = this.byType.get(event.type);
    if (!handlers || handlers.length === 0) {
      await this.deadLetter(msg, {
        code: BusErrorCode.NO_HANDLER,
        name: 'BusError',
        message: `consumer ${this.name} has no handler for ${event.type} (event ${event.id})`,
      });
      return undefined;
    }
    const delivery: DeliveryInfo = {
      consumer: this.name,
      subject: msg.subject,
      stream: msg.info.stream,
      streamSequence: msg.info.streamSequence,
      deliveryCount: msg.info.deliveryCount,
      traceparent: msg.headers?.get(BusHeader.TRACEPARENT) || undefined,
    };
    if (this.settler.isFinalDelivery(msg)) {
      // The extra delivery past the last attempt: the previous attempt died with its process.
      let applied: boolean;
      try {
        applied = await this.alreadyApplied(event.id);
      } catch (error) {
        // The database cannot say. This delivery is the last the server makes, so a nak would
        // lose the message: dead-letter it; a replay goes through the inbox and applies it once.
        const d = describeError(error);
        await this.deadLetter(msg, {
          code: BusErrorCode.RETRIES_EXHAUSTED,
          name: 'BusError',
          message: `event ${event.id} not known to be applied after ${this.options.consumer.maxAttempts} attempts (inbox check failed: ${d.code} ${d.message})`,
        });
        return undefined;
      }
      if (applied) {
        this.settler.ack(msg);
        this.stats.duplicates++;
      } else {
        await this.deadLetter(msg, {
          code: BusErrorCode.RETRIES_EXHAUSTED,
          name: 'BusError',
          message: `event ${event.id} not applied after ${this.options.consumer.maxAttempts} attempts (last one did not finish)`,
        });
      }
      return undefined;
    }
    return { msg, event, handlers, delivery };
  }

  private async alreadyApplied(eventId: string): Promise<boolean> {
    const rows: unknown[] = await this.options.dataSource.query(
      `SELECT 1 FROM bus_inbox WHERE consumer = $1 AND event_id = $2`,
      [this.name, eventId],
    );
    return rows.length > 0;
  }

  private async applyAlone(p: Prepared): Promise<void> {
    try {
      await this.apply([p]);
      this.settler.ack(p.msg);
    } catch (error) {
      await this.fail(p, error);
    }
  }

  /** One transaction: inbox rows, then the handlers of the events not applied before; commit. */
  private async apply(items: Prepared[]): Promise<void> {
    try {
      await boundedTransaction(this.options.dataSource, { timeoutMs: this.handlerTimeoutMs }, (manager) =>
        this.applyIn(manager, items),
      );
    } catch (error) {
      if (error instanceof BusError && error.code === BusErrorCode.HANDLER_TIMEOUT) {
        this.stats.handlerTimeouts++;
        this.logger.warn(
          `consumer ${this.name}: transaction of ${items.map((p) => p.event.id).join(', ')} abandoned after ${this.handlerTimeoutMs} ms`,
        );
      }
      throw error;
    }
  }

  /** Inbox rows, then the handlers of the events not applied before (inside the transaction). */
  private async applyIn(manager: EntityManager, items: Prepared[]): Promise<void> {
    const inserted: Array<{ event_id: string }> = await manager.query(
      `INSERT INTO bus_inbox (consumer, event_id, event_type)
       SELECT $1, u.event_id, u.event_type FROM unnest($2::uuid[], $3::text[]) AS u(event_id, event_type)
       ON CONFLICT DO NOTHING
       RETURNING event_id`,
      [this.name, items.map((p) => p.event.id), items.map((p) => p.event.type)],
    );
    const fresh = new Set(inserted.map((r) => r.event_id.toLowerCase()));
    const toApply: Prepared[] = [];
    for (const p of items) {
      const id = p.event.id.toLowerCase();
      // Delete as we go: the same event twice in one batch is applied once.
      if (fresh.delete(id)) toApply.push(p);
      else this.stats.duplicates++;
    }
    await this.runHandlers(toApply, manager);
    this.stats.applied += toApply.length;
  }

  private async runHandlers(items: Prepared[], manager: EntityManager): Promise<void> {
    const working = (): void => items.forEach((p) => p.msg.working());
    const batches = new Map<HandlerRegistration, Prepared[]>();
    for (const p of items) {
      for (const h of p.handlers) {
        if (h.kind === 'batch') {
          const list = batches.get(h) ?? [];
          list.push(p);
          batches.set(h, list);
          continue;
        }
        const context = { ...p.delivery, manager, working: () => p.msg.working() };
        await currentTrace.run(p.delivery.traceparent ?? '', () => h.fn(p.event, context));
      }
    }
    for (const [h, list] of batches) {
      if (h.kind !== 'batch') continue;
      await h.fn(
        list.map((p) => p.event),
        { manager, consumer: this.name, deliveries: list.map((p) => p.delivery), working },
      );
    }
  }

  /** Settles a failed message: dead letter for poison or the last attempt, else a delayed nak. */
  private async fail(p: Prepared, error: unknown): Promise<void> {
    const d = describeError(error);
    const poison =
      error instanceof PoisonMessageError ||
      p.handlers.some((h) => h.poison.some((cls) => error instanceof (cls as unknown as new () => Error)));
    if (poison) {
      await this.deadLetter(p.msg, {
        ...d,
        code: error instanceof PoisonMessageError ? d.code : BusErrorCode.HANDLER_POISON,
        message: error instanceof PoisonMessageError ? d.message : `${d.name}: ${d.message}`,
      });
      return;
    }
    if (p.msg.info.deliveryCount >= this.options.consumer.maxAttempts) {
      await this.deadLetter(p.msg, {
        ...d,
        code: BusErrorCode.RETRIES_EXHAUSTED,
        message: `event ${p.event.id} failed ${p.msg.info.deliveryCount} times; last: ${d.code} ${d.message}`,
      });
      return;
    }
    const delay =
      error instanceof RetryLaterError && error.delayMs !== undefined
        ? error.delayMs
        : retryDelay(p.msg.info.deliveryCount, this.retryDelaysMs);
    this.stats.retried++;
    this.logger.warn(
      `consumer ${this.name}: event ${p.event.id} (${p.event.type}) attempt ${p.msg.info.deliveryCount} failed (${d.code}: ${d.message}); retry in ${delay} ms`,
    );
    await this.settler.retry(p.msg, d, delay);
  }

  /** Stores a dead letter and terminates the message; never drops it (see Settler). */
  private deadLetter(msg: JsMsg, error: SafeErrorDescription): Promise<void> {
    return this.settler.deadLetter(msg, error);
  }
}
