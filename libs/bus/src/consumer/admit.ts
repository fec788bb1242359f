import type { JsMsg } from '@nats-io/jetstream';
import {
  contractSubjectFor,
  parseContractEvent,
  type BusEvent,
  type ContractParseResult,
} from '../contracts.js';
import { BusError, BusErrorCode, describeError, type SafeErrorDescription } from '../errors.js';
import { BusHeader } from '../headers.js';
import type { BusLogger } from '../logger.js';
import { verifyBytes } from '../signing/keys.js';
import type { KeyRegistry } from '../signing/registry.js';
import type { VerifierPool } from '../signing/verifier-pool.js';
import {
  authorizeEvent,
  claimedSignature,
  verifyCanonicalForm,
  type ClaimedSignature,
} from '../signing/verify.js';
import type { DeliveryInfo, HandlerRegistration } from './handler.js';

/** A message that passed signature, contract and authorization checks, with its handlers. */
export interface Admitted {
  msg: JsMsg;
  event: BusEvent;
  handlers: HandlerRegistration[];
  delivery: DeliveryInfo;
  /** This instance's attempt at the event (1 = first), counted by AttemptCounter; 1 until counted. */
  attempt: number;
}

/** The verdict on one message: admitted, or rejected for good (to be dead-lettered with `error`). */
export type Admission = { admitted: Admitted } | { rejected: JsMsg; error: SafeErrorDescription };

export interface AdmitStats {
  /** Verifier pool failures answered by verifying on the event loop instead. */
  verifierFallbacks: number;
}

export interface AdmitOptions {
  durable: string;
  /** Public keys that may sign what this consumer applies. */
  keys: KeyRegistry;
  /** Worker threads for Ed25519 verification; inline when absent. */
  verifier?: VerifierPool;
  /** The durable's handlers (others are ignored). */
  handlers: HandlerRegistration[];
  logger: BusLogger;
  stats: AdmitStats;
  /** Parses and validates a body; the contract of this release when absent (see ConsumerRunnerOptions.parse). */
  parse?: (raw: Uint8Array) => ContractParseResult;
}

interface SignatureCheck {
  claimed?: ClaimedSignature;
  error?: unknown;
  /** The received bytes verified as they are. */
  fast: boolean;
}

/**
 * The admission stage: decides per message whether it may be applied at all. The signature is
 * checked over the bytes as received (one Ed25519 verify per message, on the verifier pool when
 * there is one), then, when that fails, over the canonical form; the body is parsed with the
 * contracts; the key must be registered for the event's source, the subject must be the one the
 * event maps to, and the consumer must have a handler for its type. Nothing here touches the
 * database or settles a message: a rejection is returned for the settle stage to dead-letter.
 */
export class Admitter {
  private readonly byType = new Map<string, HandlerRegistration[]>();

  constructor(private readonly options: AdmitOptions) {
    for (const h of options.handlers) {
      if (h.consumer !== options.durable) continue;
      const list = this.byType.get(h.type) ?? [];
      list.push(h);
      this.byType.set(h.type, list);
    }
  }

  /** One verdict per message, in order. */
  async admit(batch: JsMsg[]): Promise<Admission[]> {
    const signatures = await this.verifyBatch(batch);
    return batch.map((msg, i) => this.check(msg, signatures[i]!));
  }

  /**
   * Signature checks of a whole batch: the claimed key of each message, then one verify per
   * message over the bytes as received. A message that fails gets its second chance (canonical
   * form) in check().
   */
  private async verifyBatch(batch: JsMsg[]): Promise<SignatureCheck[]> {
    const out: SignatureCheck[] = batch.map((msg) => {
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
      this.options.stats.verifierFallbacks++;
      this.options.logger.warn(
        `consumer ${this.options.durable}: verifier pool failed (${d.code}); verifying inline`,
      );
      results = inline();
    }
    jobs.forEach(({ i }, n) => (out[i]!.fast = results[n] === true));
    return out;
  }

  /** Verifies (second chance), parses, authorizes and routes one message. */
  private check(msg: JsMsg, signature: SignatureCheck): Admission {
    let event: BusEvent;
    try {
      if (!signature.claimed) throw signature.error;
      const key = signature.fast ? signature.claimed.key : verifyCanonicalForm(msg.data, signature.claimed);
      const parsed = (this.options.parse ?? parseContractEvent)(msg.data);
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
      return { rejected: msg, error: describeError(error) };
    }
    const handlers = this.byType.get(event.type);
    if (!handlers || handlers.length === 0) {
      return {
        rejected: msg,
        error: {
          code: BusErrorCode.NO_HANDLER,
          name: 'BusError',
          message: `consumer ${this.options.durable} has no handler for ${event.type} (event ${event.id})`,
        },
      };
    }
    const delivery: DeliveryInfo = {
      consumer: this.options.durable,
      subject: msg.subject,
      stream: msg.info.stream,
      streamSequence: msg.info.streamSequence,
      deliveryCount: msg.info.deliveryCount,
      traceparent: msg.headers?.get(BusHeader.TRACEPARENT) || undefined,
    };
    return { admitted: { msg, event, handlers, delivery, attempt: 1 } };
  }
}
