import type { EntityManager } from 'typeorm';
import type { BusEvent } from '../contracts.js';

/** Facts about one delivery, for a handler that needs them (no personal data). */
export interface DeliveryInfo {
  /** The durable consumer applying the event. */
  consumer: string;
  /** NATS subject and stream position of the message. */
  subject: string;
  stream: string;
  streamSequence: number;
  /** 1 on the first delivery. */
  deliveryCount: number;
  /** W3C trace context of the message. */
  traceparent?: string;
}

export interface EventContext extends DeliveryInfo {
  /** The transaction's manager: write the event's effects through it, and append follow-up events with it. */
  manager: EntityManager;
  /** Tells the server the handler is still busy, resetting the ack timer (the runner also does this periodically). */
  working(): void;
}

export interface BatchContext {
  manager: EntityManager;
  consumer: string;
  /** One entry per event, in the order of the `events` array. */
  deliveries: DeliveryInfo[];
  working(): void;
}

export type EventHandlerFn<E extends BusEvent = BusEvent> = (event: E, context: EventContext) => unknown;
export type BatchEventHandlerFn<E extends BusEvent = BusEvent> = (
  events: E[],
  context: BatchContext,
) => unknown;

export type ErrorClass = abstract new (...args: never[]) => Error;

/** One handler of one event type on one durable consumer. */
export type HandlerRegistration =
  | {
      kind: 'single';
      consumer: string;
      type: string;
      /** For logs: `Class.method`. */
      name: string;
      fn: EventHandlerFn;
      /** May share a transaction with other events' handlers (batch mode). */
      batchable: boolean;
      /** Errors that mean "retrying cannot help": dead-letter at once. */
      poison: readonly ErrorClass[];
    }
  | {
      kind: 'batch';
      consumer: string;
      type: string;
      name: string;
      fn: BatchEventHandlerFn;
      batchable: true;
      poison: readonly ErrorClass[];
    };
