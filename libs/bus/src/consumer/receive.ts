import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { backoffDelay } from '../connection/backoff.js';
import type { BusConnection } from '../connection/bus-connection.js';
import { describeError } from '../errors.js';
import type { BusLogger } from '../logger.js';
import { PullWatchdog } from './pull-watchdog.js';

export interface ReceiveStats {
  /** Pull subscriptions recreated after they went quiet. */
  pullsRecreated: number;
}

export interface ReceiveOptions {
  connection: BusConnection;
  stream: string;
  durable: string;
  /** Most messages handed over as one batch. */
  batchSize: number;
  /** Batches processed at once. */
  concurrency: number;
  /** Pull request expiry, in milliseconds; the server's idle heartbeat is half of it. */
  pullExpiresMs: number;
  logger: BusLogger;
  stats: ReceiveStats;
  /** Checks, applies and settles one batch. */
  process(batch: JsMsg[]): Promise<void>;
  /** A batch whose processing threw: settle what it left unsettled. */
  onBatchError(batch: JsMsg[], error: unknown): Promise<void>;
  /** A message received but not started when stopping. */
  release(msg: JsMsg): void;
}

/**
 * The receive stage: one pull subscription on the durable at a time (recreated with backoff when
 * it fails, and by the watchdog when it goes quiet), feeding batches to `process`. A feeder moves
 * delivered messages into a bounded buffer; processors take everything buffered (up to the batch
 * size) whenever they are free. Batches fill under load and stay at one message, the lowest
 * latency, when traffic is light. (The iterator's getPending() cannot tell this: it counts queued
 * pull requests as messages.)
 */
export class Receiver {
  private running = false;
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  private watchdog: PullWatchdog | undefined;
  private unsubscribeReconnect: (() => void) | undefined;

  constructor(private readonly options: ReceiveOptions) {}

  /** Starts pulling (waits for the connection and the durable in the background). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops pulling; batches in flight finish; what was received but not started is released. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unsubscribeReconnect?.();
    this.watchdog?.stop();
    await this.messages?.close().catch(() => undefined);
    await this.loop;
  }

  private async run(): Promise<void> {
    const { connection, stream, durable, logger } = this.options;
    let attempt = 0;
    while (this.running) {
      try {
        await connection.ready();
        const consumer = await connection.js.consumers.get(stream, durable);
        attempt = 0;
        await this.pull(consumer);
      } catch (error) {
        if (!this.running) break;
        const d = describeError(error);
        const delay = backoffDelay(attempt++, { initialMs: 250, maxMs: 10_000 });
        logger.warn(`consumer ${durable}: pull failed (${d.code}: ${d.message}); again in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** One pull subscription: feeds batches until it ends (stop, or the watchdog recreating it). */
  private async pull(consumer: Consumer): Promise<void> {
    const { connection, durable, batchSize, logger } = this.options;
    const messages = await consumer.consume({
      max_messages: batchSize * 2,
      expires: this.options.pullExpiresMs,
    });
    this.messages = messages;
    const watchdog = new PullWatchdog({
      heartbeatMs: this.options.pullExpiresMs / 2,
      isConnected: () => connection.isConnected(),
      onStall: () => {
        this.options.stats.pullsRecreated++;
        logger.warn(`consumer ${durable}: pull stalled (no heartbeat); recreating it`);
        void messages.close().catch(() => undefined);
      },
    });
    this.watchdog = watchdog;
    this.unsubscribeReconnect?.();
    // After a reconnect the client re-pulls by itself; the watchdog checks that it really does.
    this.unsubscribeReconnect = connection.onReconnect(() => watchdog.reset());
    watchdog.start();
    void (async () => {
      for await (const status of messages.status()) {
        if (status.type === 'heartbeat' || status.type === 'next') watchdog.alive();
        if (status.type === 'heartbeats_missed') watchdog.missed(status.count);
      }
    })().catch(() => undefined);

    const buffer: JsMsg[] = [];
    const capacity = batchSize * 2;
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
          for (const msg of buffer.splice(0)) this.options.release(msg);
          wakeFeeder();
          return;
        }
        if (buffer.length === 0) {
          if (ended) return;
          await new Promise<void>((resolve) => dataWaiters.push(resolve));
          continue;
        }
        const taken = buffer.splice(0, batchSize);
        wakeFeeder();
        await this.options.process(taken).catch((error: unknown) => this.options.onBatchError(taken, error));
      }
    };
    try {
      await Promise.all([feeder, ...Array.from({ length: this.options.concurrency }, processor)]);
    } finally {
      watchdog.stop();
    }
  }
}
