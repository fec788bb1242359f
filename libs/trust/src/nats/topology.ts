import {
  simpulConsumers,
  simpulStreams,
  type ConsumerDefinition,
  type StreamDefinition,
  type TopologyOptions,
} from '@simpul/bus';
import { RegistryError } from '../registry/agencies-file.js';
import { activeUnits, POLICE_DEPLOYMENT_CONSUMER, type AgencyRegistry } from '../registry/unit-entry.js';

const SITE_CONSUMER = /^immigration-([a-z0-9][a-z0-9-]*)-(watchlist|delays)$/;

/**
 * The streams and durable consumers the registry's units read: the fixed consumers plus each
 * immigration site's pair and each police deployment's matches and leads consumers, for every site and
 * deployment a unit names. The admin provisions exactly these; a consumer name that no definition
 * produces is a registry error.
 */
export function topologyForRegistry(
  registry: AgencyRegistry,
  options: TopologyOptions = {},
): { streams: StreamDefinition[]; consumers: ConsumerDefinition[] } {
  const named = new Set(activeUnits(registry).flatMap((unit) => unit.consumers));
  const captured = (pattern: RegExp) => [
    ...new Set([...named].map((name) => pattern.exec(name)?.[1]).filter((s): s is string => !!s)),
  ];
  const consumers = simpulConsumers(captured(SITE_CONSUMER), {
    ...options,
    policeDeployments: captured(POLICE_DEPLOYMENT_CONSUMER),
  });
  for (const unit of activeUnits(registry)) {
    for (const name of unit.consumers) {
      if (!consumers.some((c) => c.durable === name))
        throw new RegistryError(`registry: ${unit.id}.consumers: '${name}' is not a Simpul durable consumer`);
    }
  }
  const read = consumers.filter((c) => named.has(c.durable));
  return { streams: simpulStreams(options), consumers: read };
}
