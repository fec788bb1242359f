import type { HandlerRegistration } from './handler.js';
import { getHandlerMetadata } from './decorators.js';

/**
 * Registrations from the decorated methods of an object (a Nest provider instance, or any class
 * instance when running without Nest), bound to it.
 */
export function collectHandlers(instance: object): HandlerRegistration[] {
  const out: HandlerRegistration[] = [];
  const className = instance.constructor?.name ?? 'handler';
  const seen = new Set<string>();
  for (
    let proto = Object.getPrototypeOf(instance);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor' || seen.has(key)) continue;
      seen.add(key);
      const method = Object.getOwnPropertyDescriptor(proto, key)?.value as unknown;
      for (const meta of getHandlerMetadata(method)) {
        const fn = (method as (...args: unknown[]) => unknown).bind(instance);
        for (const type of meta.types) {
          const name = `${className}.${key}`;
          out.push(
            meta.kind === 'batch'
              ? {
                  kind: 'batch',
                  consumer: meta.consumer,
                  type,
                  name,
                  fn,
                  batchable: true,
                  poison: meta.poison,
                }
              : {
                  kind: 'single',
                  consumer: meta.consumer,
                  type,
                  name,
                  fn,
                  batchable: meta.batchable,
                  poison: meta.poison,
                },
          );
        }
      }
    }
  }
  return out;
}
