import type { ConsumerDefinition } from '@simpul/bus';
import {
  inboxPrefixOf,
  publishableSubjects,
  type AgencyRegistry,
  type UnitEntry,
} from '../registry/unit-entry.js';

/** What one NATS user may publish and subscribe to. */
export interface NatsPermissions {
  publish: string[];
  subscribe: string[];
}

/**
 * The NATS permissions of a unit's user, derived from the registry:
 * - publish: its own (and its served units') event subjects, exactly;
 * - for each durable consumer it reads: the JetStream API subjects to look the consumer up
 *   (`CONSUMER.INFO`) and to fetch from it (`CONSUMER.MSG.NEXT`), the acknowledgement subjects of
 *   that consumer (`$JS.ACK.<stream>.<durable>.>`), and its dead-letter subject;
 * - subscribe: only its own inbox prefix, where fetched messages and API replies arrive.
 * Creating consumers, reading stream messages directly, or subscribing to event subjects is
 * never granted: plain subscribe permissions do not limit JetStream reads, so reads are limited
 * to named consumers the admin created. Only the admin gets `>`.
 */
export function natsPermissionsFor(
  registry: AgencyRegistry,
  unit: UnitEntry,
  consumers: readonly ConsumerDefinition[],
): NatsPermissions {
  if (unit.admin) return { publish: ['>'], subscribe: ['>'] };
  const publish = publishableSubjects(registry, unit);
  for (const name of unit.consumers) {
    const consumer = consumers.find((c) => c.durable === name);
    if (!consumer) throw new Error(`${unit.id}: consumer ${name} is not provisioned`);
    const { stream, durable } = consumer;
    publish.push(
      `$JS.API.CONSUMER.INFO.${stream}.${durable}`,
      `$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`,
      `$JS.ACK.${stream}.${durable}.>`,
      `deadletter.${durable}`,
    );
  }
  return { publish, subscribe: [`${inboxPrefixOf(unit.id)}.>`] };
}
