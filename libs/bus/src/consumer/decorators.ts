import 'reflect-metadata';
import type { ErrorClass } from './handler.js';

export const BUS_HANDLER_METADATA = 'simpul:bus:handlers';

export interface HandlerMetadata {
  kind: 'single' | 'batch';
  types: string[];
  consumer: string;
  batchable: boolean;
  poison: readonly ErrorClass[];
}

export interface OnBusEventOptions {
  /** Durable consumer delivering the events (docs/contract.md §3), e.g. `ministry-police`. */
  consumer: string;
  /**
   * The handler may share a transaction with other events' handlers (batch mode: up to the
   * consumer's batch size per commit, measured ~8x faster). Default true; set false for a
   * handler that must commit alone (e.g. it locks a lot).
   */
  batchable?: boolean;
  /** Error classes meaning "retrying cannot help": such a message goes to DEAD_LETTERS at once. */
  poison?: readonly ErrorClass[];
}

function addMetadata(target: object, metadata: HandlerMetadata): void {
  const existing = (Reflect.getMetadata(BUS_HANDLER_METADATA, target) as HandlerMetadata[] | undefined) ?? [];
  Reflect.defineMetadata(BUS_HANDLER_METADATA, [...existing, metadata], target);
}

/**
 * Marks a provider method as the handler of an event type on a durable consumer:
 * `async method(event, context)`, where `context.manager` is the transaction that also records the
 * event in the inbox. Throwing rolls back and retries later (or dead-letters declared poison).
 *
 *     @OnBusEvent(POLICE_ARREST_RECORDED_V1, { consumer: 'ministry-police' })
 *     async raiseAlert(event: PoliceArrestRecordedEvent, { manager }: EventContext) { … }
 */
export function OnBusEvent(type: string | string[], options: OnBusEventOptions): MethodDecorator {
  return (_target, _key, descriptor) => {
    addMetadata(descriptor.value as object, {
      kind: 'single',
      types: Array.isArray(type) ? type : [type],
      consumer: options.consumer,
      batchable: options.batchable ?? true,
      poison: options.poison ?? [],
    });
  };
}

/**
 * Marks a provider method as a batch handler: `async method(events[], context)` receives every
 * event of the type in a delivered batch at once (one multi-row write instead of N). On failure
 * the runner calls it again with one event at a time, so a bad event is isolated.
 */
export function OnBusEvents(
  type: string | string[],
  options: Omit<OnBusEventOptions, 'batchable'>,
): MethodDecorator {
  return (_target, _key, descriptor) => {
    addMetadata(descriptor.value as object, {
      kind: 'batch',
      types: Array.isArray(type) ? type : [type],
      consumer: options.consumer,
      batchable: true,
      poison: options.poison ?? [],
    });
  };
}

export function getHandlerMetadata(method: unknown): HandlerMetadata[] {
  if (typeof method !== 'function') return [];
  return (Reflect.getMetadata(BUS_HANDLER_METADATA, method) as HandlerMetadata[] | undefined) ?? [];
}
