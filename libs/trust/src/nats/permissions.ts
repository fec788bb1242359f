import { simpulStreams, streamForSubject, type ConsumerDefinition, type StreamDefinition } from '@simpul/bus';
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
 * - for each stream those subjects are stored in: `STREAM.MSG.GET` of that stream, so its
 *   reconciler can read its events back by sequence (docs/contract.md §11,
 *   docs/adr/0010-reconciler-reads-its-streams.md);
 * - for each durable consumer it reads: the JetStream API subjects to look the consumer up
 *   (`CONSUMER.INFO`) and to fetch from it (`CONSUMER.MSG.NEXT`), the acknowledgement subjects of
 *   that consumer (`$JS.ACK.<stream>.<durable>.>`), and its dead-letter subject;
 * - subscribe: only its own inbox prefix, where fetched messages and API replies arrive.
 * Creating consumers, reading other streams' messages directly (`MSG.GET` of a stream it does
 * not publish to, `DIRECT.GET`), or subscribing to event subjects is never granted: plain
 * subscribe permissions do not limit JetStream reads, so reads are limited to named consumers the
 * admin created and to its own streams by sequence. Only the admin gets `>`. `streams` are the
 * streams the unit's server stores events in (default the single-server topology's).
 */
export function natsPermissionsFor(
  registry: AgencyRegistry,
  unit: UnitEntry,
  consumers: readonly ConsumerDefinition[],
  streams: readonly StreamDefinition[] = simpulStreams(),
): NatsPermissions {
  if (unit.admin) return { publish: ['>'], subscribe: ['>'] };
  const events = publishableSubjects(registry, unit);
  const publish = [...events, ...readBackSubjects(events, streams)];
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

/** `$JS.API.STREAM.MSG.GET.<stream>` of each stream that stores one of `subjects`, sorted. */
export function readBackSubjects(
  subjects: readonly string[],
  streams: readonly StreamDefinition[],
): string[] {
  const names = new Set<string>();
  for (const subject of subjects) {
    const stream = streamForSubject([...streams], subject);
    if (stream) names.add(stream.name);
  }
  return [...names].sort().map((name) => `$JS.API.STREAM.MSG.GET.${name}`);
}
