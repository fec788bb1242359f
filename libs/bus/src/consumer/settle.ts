import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { backoffDelay } from '../connection/backoff.js';
import { publishDeadLetter } from '../dead-letters/publish-dead-letter.js';
import {
  BusErrorCode,
  describeError,
  PoisonMessageError,
  RetryLaterError,
  type SafeErrorDescription,
} from '../errors.js';
import type { BusLogger } from '../logger.js';
import type { Admitted } from './admit.js';
import { keepAlive } from './keep-alive.js';
import { retryDelay } from './retry.js';

export interface SettleOptions {
  /** The JetStream client of the moment (it exists once connected). */
  js: () => JetStreamClient;
  durable: string;
  /** Deliveries the runner attempts; past them it only dead-letters (the server's `max_deliver` is unlimited). */
  maxAttempts: number;
  ackWaitMs: number;
  retryDelaysMs: readonly number[];
  logger: BusLogger;
  /** First and longest wait between attempts to store a dead letter that failed. */
  deadLetterRetryInitialMs?: number;
  deadLetterRetryMaxMs?: number;
}

export interface SettleStats {
  /** Failed attempts nak'ed for a later retry. */
  retried: number;
  deadLettered: number;
  /** Dead letters stored with a digest and pointer instead of a body too large for DEAD_LETTERS. */
  deadLettersTruncated: number;
  /** Failed attempts to store a dead letter (alert on any increase). */
  deadLetterFailures: number;
}

/**
 * The settle stage: ack, delayed nak, and dead letter then `term()`. Each message is settled once;
 * later calls for it are ignored, so a batch that failed half-way can settle "the rest".
 *
 * A dead letter that cannot be stored (DEAD_LETTERS missing, refusing, NATS trouble) never makes
 * the message vanish. The message is held: kept un-acked (`working()` resets its ack timer) while
 * the dead letter is retried in the background with backoff, every failure logged as an error and
 * counted in `deadLetterFailures` for alerting. The runner's other messages keep flowing meanwhile.
 * When the runner stops first, the message is nak'ed with a delay: the durable's `max_deliver` is
 * unlimited, so it comes back (to this or another instance) as a delivery past the attempts,
 * which only tries the dead letter again. A process that dies while holding has the same effect
 * through the ack wait.
 */
export class Settler {
  private readonly settled = new WeakSet<JsMsg>();
  private readonly held = new Map<JsMsg, Promise<void>>();
  private stopping = false;
  private wakeHeld: Array<() => void> = [];

  constructor(
    private readonly options: SettleOptions,
    /** Counters, shared with the runner's stats. */
    readonly stats: SettleStats = {
      retried: 0,
      deadLettered: 0,
      deadLettersTruncated: 0,
      deadLetterFailures: 0,
    },
  ) {}

  /** Messages whose dead letter is being retried (a gauge to alert on). */
  get deadLettersPending(): number {
    return this.held.size;
  }

  isSettled(msg: JsMsg): boolean {
    return this.settled.has(msg);
  }

  ack(msg: JsMsg): void {
    if (!this.claim(msg)) return;
    msg.ack();
  }

  /**
   * Asks for a redelivery after `delayMs` (default: the retry schedule by delivery count). Whether
   * attempts are exhausted is decided by the runner from its own count (attempts.ts), not here.
   */
  retry(msg: JsMsg, delayMs?: number): void {
    if (!this.claim(msg)) return;
    msg.nak(delayMs ?? retryDelay(msg.info.deliveryCount, this.options.retryDelaysMs));
  }

  /**
   * Settles a message whose transaction failed: dead letter for poison (a PoisonMessageError or an
   * error class a handler declared) and for a failure on the last allowed attempt, else a nak
   * delayed by the retry schedule or the handler's RetryLaterError.
   */
  async failed(p: Admitted, error: unknown): Promise<void> {
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
    const attempt = p.attempt;
    if (attempt >= this.options.maxAttempts) {
      await this.deadLetter(p.msg, {
        ...d,
        code: BusErrorCode.RETRIES_EXHAUSTED,
        message: `event ${p.event.id} failed ${attempt} times; last: ${d.code} ${d.message}`,
      });
      return;
    }
    const delay =
      error instanceof RetryLaterError && error.delayMs !== undefined
        ? error.delayMs
        : retryDelay(attempt, this.options.retryDelaysMs);
    this.stats.retried++;
    this.options.logger.warn(
      `consumer ${this.options.durable}: event ${p.event.id} (${p.event.type}) attempt ${attempt} failed (${d.code}: ${d.message}); retry in ${delay} ms`,
    );
    this.retry(p.msg, delay);
  }

  /** Received but never started (the runner stops): another instance may take it at once. */
  release(msg: JsMsg): void {
    if (!this.claim(msg)) return;
    msg.nak();
  }

  /** DEAD_LETTERS first, then `term()` (bare: 2.9 ignores a reason); held and retried on failure. */
  async deadLetter(msg: JsMsg, error: SafeErrorDescription): Promise<void> {
    if (!this.claim(msg)) return;
    if (await this.tryDeadLetter(msg, error, 0)) return;
    // Nothing awaits the hold until stop(): a rejection here must not end the process (Node 20).
    const holding = this.hold(msg, error)
      .catch((holdError: unknown) => {
        this.options.logger.error(
          `ALERT consumer ${this.options.durable}: holding ${msg.info.stream} seq ${msg.info.streamSequence} failed (${describeError(holdError).code}); the ack wait hands it back`,
        );
      })
      .finally(() => this.held.delete(msg));
    this.held.set(msg, holding);
  }

  /** (Re)starts after a stop: held dead letters are retried until stored again. */
  start(): void {
    this.stopping = false;
  }

  /**
   * Stops retrying held dead letters after one last attempt each. What still fails is nak'ed with
   * the current backoff delay: the server delivers it again (unlimited `max_deliver`), and that
   * delivery, past the attempts, only tries the dead letter again.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakeHeld.splice(0)) wake();
    await Promise.all(this.held.values());
  }

  private async hold(msg: JsMsg, error: SafeErrorDescription): Promise<void> {
    // A closed connection does not end the hold; the server redelivers once the ack wait passes.
    const stopKeepAlive = keepAlive([msg], this.options.ackWaitMs);
    try {
      for (let attempt = 1; ; attempt++) {
        const delay = backoffDelay(attempt - 1, {
          initialMs: this.options.deadLetterRetryInitialMs ?? 500,
          maxMs: this.options.deadLetterRetryMaxMs ?? 30_000,
        });
        if (this.stopping) {
          if (await this.tryDeadLetter(msg, error, attempt)) return;
          this.options.logger.error(
            `ALERT consumer ${this.options.durable}: stopping with ${msg.info.stream} seq ${msg.info.streamSequence} not dead-lettered; nak'ed, it comes back in ${delay} ms`,
          );
          nakQuietly(msg, delay);
          return;
        }
        await new Promise<void>((resolve) => {
          const done = (): void => {
            clearTimeout(timer);
            this.wakeHeld = this.wakeHeld.filter((w) => w !== done);
            resolve();
          };
          const timer = setTimeout(done, delay);
          this.wakeHeld.push(done);
        });
        if (!this.stopping && (await this.tryDeadLetter(msg, error, attempt))) return;
      }
    } finally {
      stopKeepAlive();
    }
  }

  /** One attempt to store the dead letter and `term()` the message; false (logged) when it failed. */
  private async tryDeadLetter(msg: JsMsg, error: SafeErrorDescription, attempt: number): Promise<boolean> {
    const { durable, logger } = this.options;
    let truncated: boolean;
    try {
      ({ truncated } = await publishDeadLetter(this.options.js(), durable, msg, error));
    } catch (publishError) {
      const d = describeError(publishError);
      this.stats.deadLetterFailures++;
      logger.error(
        `ALERT consumer ${durable}: cannot store dead letter of ${msg.info.stream} seq ${msg.info.streamSequence} (${d.code}: ${d.message}); attempt ${attempt + 1}, holding the message and retrying`,
      );
      return false;
    }
    // Stored: a term() that fails (connection closed or draining) only means a redelivery, which
    // dead-letters again under the same message id (a duplicate within the stream's window).
    termQuietly(msg, durable, logger);
    this.stats.deadLettered++;
    if (truncated) this.stats.deadLettersTruncated++;
    logger.warn(
      `consumer ${durable}: dead-lettered ${msg.info.stream} seq ${msg.info.streamSequence} on ${msg.subject}: ${error.code}${truncated ? ' (body too large: stored as digest and pointer)' : ''}`,
    );
    return true;
  }

  /** Marks `msg` settled; false when it was already. */
  private claim(msg: JsMsg): boolean {
    if (this.settled.has(msg)) return false;
    this.settled.add(msg);
    return true;
  }
}

/** A nak that cannot throw: on a closed connection the server redelivers after the ack wait anyway. */
function nakQuietly(msg: JsMsg, delayMs: number): void {
  try {
    msg.nak(delayMs);
  } catch {
    // Nothing to do: the message stays un-acked and the ack wait hands it back.
  }
}

/** A term that cannot throw: the dead letter is stored; a redelivery only stores it again. */
function termQuietly(msg: JsMsg, durable: string, logger: BusLogger): void {
  try {
    msg.term();
  } catch (error) {
    logger.warn(
      `consumer ${durable}: dead letter of ${msg.info.stream} seq ${msg.info.streamSequence} stored but term() failed (${describeError(error).code}); it comes back after the ack wait`,
    );
  }
}
