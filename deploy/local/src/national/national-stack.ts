import { mkdirSync, writeFileSync } from 'node:fs';
import { freePort } from '@simpul/bus/testing';
import { writeLocalTopology, type LocalTopology } from '@simpul/bus/operator';
import { HUB_DOMAIN, inboxPrefixOf, siteStreamName, unitCredsFile, type TrustMaterial } from '@simpul/trust';
import { LauncherError } from '../install.js';
import { natsIdentityEnv, serviceTrustEnv } from '../local-stack.js';
import { ensureTrustMaterial, natsServerBinary } from '../nats-server.js';
import type { ManagedProcess } from '../managed-process.js';
import { stateDir, statePath } from '../paths.js';
import { ensurePrivacyKeys } from '../privacy-keys.js';
import { databaseUrl, ensureDatabases, ensurePostgres } from '../postgres.js';
import { launchConsole } from '../console-process.js';
import { launchService, waitForHealthy, type ServiceInstance } from '../service-process.js';
import { ControlError, startControlServer } from './control-server.js';
import { NatsNode, waitForCluster, waitForJetStream, waitForLeafLink } from './nats-node.js';
import {
  nationalNatsMaterial,
  provisionNational,
  type HubNodePorts,
  type LeafPorts,
} from './national-config.js';
import { SiteLink } from './site-link.js';

export const HUB_NODES = ['hub-1', 'hub-2', 'hub-3'] as const;

/** Everything a local national run started (docs/contract.md §11), and the faults it can inject. */
export interface NationalStack {
  /** police and ministry (on the hub); `immigration`: the site serving Batam Center (the scenario's checkpoint). */
  urls: { police: string; ministry: string; immigration: string };
  /** Each site's immigration service. */
  immigration: Record<string, string>;
  /** The console, which sends each checkpoint desk to its site's immigration service. */
  consoleUrl: string;
  tokensFile: string;
  topology: LocalTopology;
  hub: NatsNode[];
  leaves: Map<string, NatsNode>;
  links: Map<string, SiteLink>;
  /** Every service instance, by process name (`police`, `ministry`, `immigration-batam`, …). */
  services: Map<string, ServiceInstance>;
  /** Cuts or restores a site's link and records it in topology.json. */
  setLink(site: string, state: 'up' | 'down'): Promise<void>;
  /** Starts a hub node again (SIGTERM first when it still runs) and waits until the cluster agrees on a leader. */
  restartHubNode(name: string): Promise<void>;
  /** Services first, then leaves, hub nodes and links, then PostgreSQL if the launcher started it. */
  stop(): Promise<void>;
}

/** Which service database a process uses: police, ministry, immigration-<site>. */
export type DatabaseUrls = Record<string, string>;

export interface NationalStackOptions {
  log: (line: string) => void;
  /** Database URL per process name; missing ones are created on the local PostgreSQL (`simpul_immigration_<site>`). */
  databaseUrls?: DatabaseUrls;
}

/**
 * Starts the national shape on one machine: 3 hub nodes in a cluster (domain `hub`), a leaf node
 * per `leaf: true` site of the registry (domain `site-<id>`) reaching the hub only through its
 * cuttable link, streams and consumers provisioned by the admin in every domain, the police and
 * ministry on the hub, one immigration instance per site (on its leaf, or on the hub for a site
 * without one) with its own database, a control endpoint for `simpul site|hub`, and
 * `.simpul/topology.json` + `.simpul/nats.json`. Every port is a free one.
 */
export async function startNationalStack(options: NationalStackOptions): Promise<NationalStack> {
  const { log } = options;
  const processes: ManagedProcess[] = [];
  const services = new Map<string, ServiceInstance>();
  const hub: NatsNode[] = [];
  const leaves = new Map<string, NatsNode>();
  const links = new Map<string, SiteLink>();
  let closeControl: (() => Promise<void>) | undefined;
  const stop = async () => {
    await Promise.all([...services.values()].map((s) => s.stop(8000)));
    await Promise.all([...leaves.values()].map((n) => n.stop(1500)));
    await Promise.all(hub.map((n) => n.stop(1500)));
    await Promise.all([...links.values()].map((l) => l.close()));
    await closeControl?.();
    await Promise.all(processes.map((p) => p.stop(1500)));
  };
  try {
    const trust = await ensureTrustMaterial();
    const sites = trust.registry.sites ?? [];
    if (!sites.some((s) => s.leaf))
      throw new LauncherError('the registry lists no `leaf: true` site: the national topology needs one');
    const dir = statePath('national');
    mkdirSync(dir, { recursive: true });
    const binary = natsServerBinary();

    // Ports first: each leaf dials its own link, and each link relays to every hub node's leaf port.
    const hubPorts: HubNodePorts[] = [];
    for (const name of HUB_NODES) {
      hubPorts.push({
        name,
        client: await freePort(),
        monitor: await freePort(),
        route: await freePort(),
        leaf: await freePort(),
      });
    }
    const leafPorts: LeafPorts[] = [];
    for (const site of sites.filter((s) => s.leaf)) {
      const link = await SiteLink.open(
        site.id,
        hubPorts.map((p) => ({ host: '127.0.0.1', port: p.leaf })),
      );
      links.set(site.id, link);
      leafPorts.push({
        site: site.id,
        client: await freePort(),
        monitor: await freePort(),
        linkPorts: link.ports,
      });
    }
    const configs = nationalNatsMaterial(trust, dir, hubPorts, leafPorts);

    for (const ports of hubPorts) {
      hub.push(new NatsNode(ports.name, binary, configs.hub[ports.name]!, dir, ports.client, ports.monitor));
    }
    await Promise.all(hub.map((n) => n.start()));
    await waitForCluster(hub);
    log(`hub cluster up: ${hub.map((n) => `${n.name} :${n.clientPort}`).join(', ')}`);
    for (const ports of leafPorts) {
      const node = new NatsNode(
        `site-${ports.site}`,
        binary,
        configs.leaves[ports.site]!,
        dir,
        ports.client,
        ports.monitor,
      );
      leaves.set(ports.site, node);
    }
    await Promise.all(
      [...leaves.values()].map((n) =>
        n
          .start()
          .then(() => waitForJetStream(n))
          .then(() => waitForLeafLink(n)),
      ),
    );
    log(`leaf nodes up: ${[...leaves.keys()].map((s) => `site-${s}`).join(', ')}`);

    const hubUrls = hub.map((n) => `tls://127.0.0.1:${n.clientPort}`);
    const leafUrl = (site: string) => `tls://127.0.0.1:${leaves.get(site)!.clientPort}`;
    await provisionNational(
      trust,
      hubUrls,
      Object.fromEntries([...leaves.keys()].map((s) => [s, leafUrl(s)])),
    );

    const databaseUrls = await nationalDatabases(
      log,
      processes,
      sites.map((s) => s.id),
      options.databaseUrls ?? {},
    );
    const privacyKeys = ensurePrivacyKeys();
    mkdirSync(statePath('logs'), { recursive: true });
    const identity = (url: string, unitId: string) => ({
      NATS_URL: url,
      ...natsIdentityEnv(
        {
          ca: trust.tls.caFile,
          credsFor: (id) => ({ credsFile: unitCredsFile(stateDir(), id), inboxPrefix: inboxPrefixOf(id) }),
        },
        unitId,
      ),
    });
    const base = { ...process.env, ...serviceTrustEnv(trust) };
    const policePort = Number(process.env.POLICE_PORT || 3101);
    const ministryPort = Number(process.env.MINISTRY_PORT || 3102);
    const launch = (name: string, instance: ServiceInstance) => services.set(name, instance);
    launch(
      'police',
      launchService('police', 'police', policePort, {
        ...base,
        ...identity(hubUrls.join(','), 'police:gateway'),
        POLICE_DEPLOYMENT: 'police:gateway',
        POLICE_DATABASE_URL: databaseUrls.police!,
        POLICE_PORT: String(policePort),
      }),
    );
    launch(
      'ministry',
      launchService('ministry', 'ministry', ministryPort, {
        ...base,
        ...privacyKeys,
        ...identity(hubUrls.join(','), 'ministry:service'),
        MINISTRY_DATABASE_URL: databaseUrls.ministry!,
        MINISTRY_PORT: String(ministryPort),
      }),
    );
    for (const site of sites) {
      const port = await freePort();
      const name = `immigration-${site.id}`;
      launch(
        name,
        launchService(name, 'immigration', port, {
          ...base,
          ...identity(site.leaf ? leafUrl(site.id) : hubUrls.join(','), `immigration:${site.id}`),
          IMMIGRATION_SITE: site.id,
          // At a leaf the service watches its link: the hub's domain and its own site stream.
          ...(site.leaf
            ? { IMMIGRATION_HUB_DOMAIN: HUB_DOMAIN, IMMIGRATION_SITE_STREAM: siteStreamName(site.id) }
            : {}),
          IMMIGRATION_CHECKPOINTS: site.checkpoints.join(','),
          IMMIGRATION_DATABASE_URL: databaseUrls[name]!,
          IMMIGRATION_PORT: String(port),
        }),
      );
    }
    await Promise.all([...services.values()].map((s) => waitForHealthy(s)));
    log(`services up: ${[...services.values()].map((s) => `${s.name} ${s.url}`).join(', ')}`);

    const topology: LocalTopology = {
      topology: 'national',
      ca: trust.tls.caFile,
      hub: hub.map((n) => ({
        name: n.name,
        pid: n.pid,
        url: `tls://127.0.0.1:${n.clientPort}`,
        monitorUrl: n.monitorUrl,
      })),
      sites: sites.map((site) => {
        const leaf = leaves.get(site.id);
        return {
          site: site.id,
          checkpoints: site.checkpoints,
          ...(leaf ? { leaf: { pid: leaf.pid, url: leafUrl(site.id), monitorUrl: leaf.monitorUrl } } : {}),
          immigrationUrl: services.get(`immigration-${site.id}`)!.url,
          link: 'up' as const,
        };
      }),
      services: { police: services.get('police')!.url, ministry: services.get('ministry')!.url },
      control: '',
    };
    const save = () => writeLocalTopology(stateDir(), topology);

    const setLink = async (site: string, state: 'up' | 'down') => {
      const link = links.get(site);
      if (!link)
        throw new ControlError(
          404,
          `site '${site}' has no leaf link (sites with a leaf: ${[...links.keys()].join(', ')})`,
        );
      if (state === 'down') link.down();
      else link.up();
      topology.sites.find((s) => s.site === site)!.link = state;
      save();
      log(`site ${site}: link ${state}`);
    };
    const restartHubNode = async (name: string) => {
      const node = hub.find((n) => n.name === name);
      if (!node) throw new ControlError(404, `no hub node '${name}' (${HUB_NODES.join(', ')})`);
      if (node.isRunning()) await node.stop(3000);
      await node.start();
      await waitForCluster(hub);
      topology.hub.find((h) => h.name === name)!.pid = node.pid;
      save();
      log(`${name} restarted (pid ${node.pid})`);
    };
    const control = await startControlServer({ setLink, restartHubNode });
    closeControl = control.close;
    topology.control = control.url;
    save();
    // Operator commands (tail, deadletters, streams) reach the hub as the admin, as in a single-server run.
    writeFileSync(
      statePath('nats.json'),
      `${JSON.stringify({ url: hubUrls.join(','), ca: trust.tls.caFile })}\n`,
    );

    const immigrationBySite = Object.fromEntries(
      sites.map((s) => [s.id, services.get(`immigration-${s.id}`)!.url]),
    );
    const scenarioSite = sites.find((s) => s.checkpoints.includes('batam-center')) ?? sites[0]!;
    const consoleApp = launchConsole({
      police: services.get('police')!.url,
      ministry: services.get('ministry')!.url,
      immigration: immigrationBySite[scenarioSite.id]!,
      checkpoints: Object.fromEntries(
        sites.flatMap((site) => site.checkpoints.map((code) => [code, immigrationBySite[site.id]!])),
      ),
    });
    processes.push(consoleApp.process);
    await waitForHealthy(consoleApp);
    log(`console: ${consoleApp.url}/`);
    return {
      urls: {
        police: services.get('police')!.url,
        ministry: services.get('ministry')!.url,
        immigration: immigrationBySite[scenarioSite.id]!,
      },
      immigration: immigrationBySite,
      consoleUrl: consoleApp.url,
      tokensFile: trust.tokens.tokensFile,
      topology,
      hub,
      leaves,
      links,
      services,
      setLink,
      restartHubNode,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The service databases: given ones (options or environment), else `simpul_police`, `simpul_ministry`, `simpul_immigration_<site>` on the local PostgreSQL. */
async function nationalDatabases(
  log: (line: string) => void,
  processes: ManagedProcess[],
  siteIds: string[],
  given: DatabaseUrls,
): Promise<DatabaseUrls> {
  const names: Record<string, string> = { police: 'simpul_police', ministry: 'simpul_ministry' };
  for (const site of siteIds) names[`immigration-${site}`] = `simpul_immigration_${site.replace(/-/g, '_')}`;
  // `POLICE_DATABASE_URL`, `MINISTRY_DATABASE_URL`, `IMMIGRATION_<SITE>_DATABASE_URL` name given ones too.
  given = { ...given };
  for (const name of Object.keys(names)) {
    const fromEnv = process.env[`${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`];
    if (!given[name] && fromEnv) given[name] = fromEnv;
  }
  const missing = Object.keys(names).filter((name) => !given[name]);
  if (missing.length === 0) return given;
  const postgres = await ensurePostgres(log);
  if (postgres.process) processes.push(postgres.process);
  await ensureDatabases(
    postgres.adminUrl,
    missing.map((name) => names[name]!),
  );
  return Object.fromEntries(
    Object.keys(names).map((name) => [name, given[name] ?? databaseUrl(postgres.adminUrl, names[name]!)]),
  );
}

export type { TrustMaterial };
