import {
  simpulStreams,
  type ConsumerDefinition,
  type StreamDefinition,
  type TopologyOptions,
} from '@simpul/bus';
import { RegistryError } from '../registry/agencies-file.js';
import { siteDomain, sitesOf, type AgencyRegistry, type SiteEntry } from '../registry/unit-entry.js';
import { HUB_DOMAIN, siteStreamName } from './domains.js';
import { topologyForRegistry } from './topology.js';

/** The hub's stream of the events of checkpoints on no leaf, sourced into the `IMMIGRATION` aggregate. */
export const HUB_IMMIGRATION_STREAM = 'IMMIGRATION_HUB';

/**
 * Hub streams a leaf site mirrors, filtered, under the same name in its own domain, so the site's
 * consumers keep the stream names (and the units the permissions) they have on a single server:
 * the watchlist from `MINISTRY`, the delays of every checkpoint from `IMMIGRATION`.
 */
export const SITE_MIRRORS: ReadonlyArray<{ stream: string; filterSubject: string }> = [
  { stream: 'MINISTRY', filterSubject: 'ministry.watchlist.>' },
  { stream: 'IMMIGRATION', filterSubject: 'immigration.*.departure.delayed' },
];

export interface DomainTopology {
  /** JetStream domain: `hub`, or `site-<id>` for a leaf site. */
  domain: string;
  streams: StreamDefinition[];
  consumers: ConsumerDefinition[];
}

export interface NationalSite {
  site: string;
  leaf: boolean;
  checkpoints: string[];
  /** A leaf site's domain; absent for a site served from the hub (its consumers are the hub's). */
  domain?: string;
  streams: StreamDefinition[];
  consumers: ConsumerDefinition[];
}

export interface NationalTopology {
  hub: DomainTopology;
  sites: NationalSite[];
}

/** Options of the national shape: `replicas` are the hub's (default 3); a site's streams have 1. */
export type NationalTopologyOptions = TopologyOptions;

/**
 * The streams and consumers of the national topology, from the registry's sites:
 * - hub (domain `hub`, R3, file): POLICE, MINISTRY, DEAD_LETTERS as on a single server;
 *   `IMMIGRATION_HUB` capturing the subjects of checkpoints on no leaf; `IMMIGRATION`, an aggregate
 *   capturing nothing itself, sourced from every leaf site's stream and from `IMMIGRATION_HUB`
 *   (a source keeps each message's subject: events keep their contract subjects everywhere). Its
 *   consumers: every consumer the registry names but those read at a leaf site.
 * - each leaf site (domain `site-<id>`, R1, file, limits retention, as sourced streams need):
 *   `IMMIGRATION_<SITE>` capturing its checkpoints' subjects only; `MINISTRY` and `IMMIGRATION`,
 *   filtered mirrors of the hub's (watchlist; departure delays); `DEAD_LETTERS` of its own
 *   durables only; and the consumers of its deployment and of its checkpoints.
 * Every subject is captured in exactly one place; the leaf link's denies and permissions keep it so.
 */
export function nationalTopology(
  registry: AgencyRegistry,
  options: NationalTopologyOptions = {},
): NationalTopology {
  const sites = sitesOf(registry);
  if (sites.length === 0) throw new RegistryError('registry: sites: the national topology needs sites');
  const consumers = topologyForRegistry(registry, options).consumers;
  const leafSites = sites.filter((site) => site.leaf);
  const hubCheckpoints = sites.filter((site) => !site.leaf).flatMap((site) => site.checkpoints);

  const hubStreams = simpulStreams({ ...options, replicas: options.replicas ?? 3 }).flatMap(
    (stream): StreamDefinition[] => {
      if (stream.name !== 'IMMIGRATION') return [stream];
      const own: StreamDefinition[] =
        hubCheckpoints.length === 0
          ? []
          : [
              {
                ...stream,
                name: HUB_IMMIGRATION_STREAM,
                subjects: hubCheckpoints.map(checkpointSubjects),
                description: 'Events of the checkpoints served from the hub',
              },
            ];
      const aggregate: StreamDefinition = {
        ...stream,
        subjects: [],
        description: 'Events of every checkpoint, sourced from the sites and the hub',
        sources: [
          ...leafSites.map((site) => ({ name: siteStreamName(site.id), domain: siteDomain(site.id) })),
          ...own.map((s) => ({ name: s.name })),
        ],
      };
      return [...own, aggregate];
    },
  );

  const atSite = new Map(leafSites.map((site) => [site.id, durablesAt(site)]));
  const readAtALeaf = new Set([...atSite.values()].flatMap((durables) => [...durables]));
  return {
    hub: {
      domain: HUB_DOMAIN,
      streams: hubStreams,
      consumers: consumers.filter((c) => !readAtALeaf.has(c.durable)),
    },
    sites: sites.map((site): NationalSite => {
      const base = { site: site.id, leaf: site.leaf, checkpoints: [...site.checkpoints] };
      if (!site.leaf) return { ...base, streams: [], consumers: [] };
      const durables = atSite.get(site.id)!;
      const siteConsumers = consumers.filter((c) => durables.has(c.durable));
      return {
        ...base,
        domain: siteDomain(site.id),
        streams: leafSiteStreams(site, hubStreams, siteConsumers),
        consumers: siteConsumers,
      };
    }),
  };
}

function checkpointSubjects(checkpoint: string): string {
  return `immigration.${checkpoint}.>`;
}

/** Durables read at a leaf site: its deployment's pair and each of its checkpoints' own pair. */
function durablesAt(site: SiteEntry): Set<string> {
  return new Set(
    [site.id, ...site.checkpoints].flatMap((name) => [
      `immigration-${name}-watchlist`,
      `immigration-${name}-delays`,
    ]),
  );
}

function leafSiteStreams(
  site: SiteEntry,
  hubStreams: readonly StreamDefinition[],
  consumers: readonly ConsumerDefinition[],
): StreamDefinition[] {
  const hub = (name: string) => hubStreams.find((s) => s.name === name)!;
  const local = { replicas: 1 };
  const deadLetters = hub('DEAD_LETTERS');
  return [
    {
      ...hub('IMMIGRATION'),
      ...local,
      name: siteStreamName(site.id),
      subjects: site.checkpoints.map(checkpointSubjects),
      description: `Events of the checkpoints of site ${site.id}, sourced into the hub`,
      sources: undefined,
    },
    ...SITE_MIRRORS.map(({ stream, filterSubject }): StreamDefinition => ({
      ...hub(stream),
      ...local,
      subjects: [],
      sources: undefined,
      description: `Mirror of the hub's ${stream} on ${filterSubject}, read at site ${site.id}`,
      mirror: { name: stream, domain: HUB_DOMAIN, filterSubject },
    })),
    ...(consumers.length === 0
      ? []
      : [
          {
            ...deadLetters,
            ...local,
            subjects: consumers.map((c) => `deadletter.${c.durable}`),
            description: `Dead letters of the durables of site ${site.id}; they stay at the site`,
          },
        ]),
  ];
}
