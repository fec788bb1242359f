// The systems bench:e2e measures (e2e.bench.ts): the single-server run (deploy/local's
// startLocalStack) and the national one (startNationalStack: hub cluster, leaf sites behind their
// links), each started exactly as the launcher does, on its own state directory, databases and free
// ports of 127.0.0.1, and described by what the bench needs to observe it: where the admin reaches
// the hub, where the police post, and each site's immigration service and database.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { authenticatorFor } from '@simpul/bus';
import { loadRegistry, unitCredsFile } from '@simpul/trust';
import { createTestDatabase, freePort } from '@simpul/bus/testing';
import type * as LocalStackModule from '../../deploy/local/src/local-stack.js';
import type * as NationalStackModule from '../../deploy/local/src/national/national-stack.js';
import type * as NatsServerModule from '../../deploy/local/src/nats-server.js';

// deploy/local is not a package: its built output is loaded from the repository root at run time
// (this file runs from dist/test/bench/); the types come through the project reference.
const DEPLOY_LOCAL = new URL('../../../deploy/local/dist/', import.meta.url);
const { startLocalStack, SERVICES } = (await import(
  new URL('local-stack.js', DEPLOY_LOCAL).href
)) as typeof LocalStackModule;
const { startNationalStack } = (await import(
  new URL('national/national-stack.js', DEPLOY_LOCAL).href
)) as typeof NationalStackModule;
const { agenciesFile } = (await import(
  new URL('nats-server.js', DEPLOY_LOCAL).href
)) as typeof NatsServerModule;

/** What to stop, latest first: a topology's stack, its databases, its state directory. */
export class StopList {
  private readonly items: Array<() => Promise<unknown>> = [];

  add(stop: () => Promise<unknown>): void {
    this.items.push(stop);
  }

  get depth(): number {
    return this.items.length;
  }

  /** Stops what was added after `depth` was `mark` (everything by default). */
  async unwind(mark = 0): Promise<void> {
    while (this.items.length > mark) await this.items.pop()!().catch(() => undefined);
  }
}

/** One immigration deployment: its API, a checkpoint it serves, the database holding its replica. */
export interface BenchSite {
  site: string;
  immigration: string;
  checkpoint: string;
  databaseUrl: string;
  /** A leaf site's own server (its `MINISTRY` is a mirror of the hub's); absent when on the hub. */
  leafUrl?: string;
}

export interface BenchTarget {
  topology: 'single' | 'national';
  /** The hub (the single server): comma-separated URLs. */
  natsServers: string;
  caFile: string;
  adminCredsFile: string;
  police: string;
  ministry: string;
  /** The console, its checkpoint desks sent to each site's immigration deployment. */
  consoleUrl: string;
  tokens: Record<string, string>;
  tokensFile: string;
  sites: BenchSite[];
}

export type Log = (line: string) => void;

/** A state directory of the bench's own; SIMPUL_STATE_DIR points the launcher at it. */
function ownStateDir(stops: StopList, topology: string): string {
  const dir = mkdtempSync(join(tmpdir(), `simpul-bench-e2e-${topology}-`));
  chmodSync(dir, 0o755);
  stops.add(async () => rmSync(dir, { recursive: true, force: true }));
  process.env.SIMPUL_STATE_DIR = dir;
  return dir;
}

async function database(stops: StopList, name: string): Promise<string> {
  const db = await createTestDatabase(`bench_e2e_${name}`);
  stops.add(() => db.drop());
  return db.url;
}

/**
 * BENCH_SERVICE_NODE_OPTIONS becomes NODE_OPTIONS of the services (and their migrations) only: it
 * is set while the launcher spawns them.
 */
async function withServiceNodeOptions<T>(start: () => Promise<T>): Promise<T> {
  if (!process.env.BENCH_SERVICE_NODE_OPTIONS) return start();
  process.env.NODE_OPTIONS = process.env.BENCH_SERVICE_NODE_OPTIONS;
  try {
    return await start();
  } finally {
    delete process.env.NODE_OPTIONS;
  }
}

const tokensOf = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;

/**
 * The single-server run: the launcher's own nats-server (TLS, the permissions generated from
 * deploy/agencies.yaml), one immigration process holding one replica for every checkpoint.
 */
export async function startSingle(stops: StopList, log: Log): Promise<BenchTarget> {
  const stateDir = ownStateDir(stops, 'single');
  delete process.env.NATS_URL;
  process.env.SIMPUL_NATS_PORT = String(await freePort());
  for (const service of SERVICES) {
    process.env[`${service.toUpperCase()}_DATABASE_URL`] = await database(stops, service);
    process.env[`${service.toUpperCase()}_PORT`] = String(await freePort());
  }
  process.env.CONSOLE_PORT = String(await freePort());
  const stack = await withServiceNodeOptions(() => startLocalStack(log));
  stops.add(() => stack.stop());
  return {
    topology: 'single',
    natsServers: stack.natsUrl,
    caFile: join(stateDir, 'tls', 'ca.pem'),
    adminCredsFile: unitCredsFile(stateDir, 'admin:operator'),
    police: stack.urls.police,
    ministry: stack.urls.ministry,
    consoleUrl: stack.consoleUrl,
    tokens: tokensOf(stack.tokensFile),
    tokensFile: stack.tokensFile,
    sites: [
      {
        site: 'local',
        immigration: stack.urls.immigration,
        checkpoint: 'batam-center',
        databaseUrl: process.env.IMMIGRATION_DATABASE_URL!,
      },
    ],
  };
}

/**
 * The national run: 3 hub nodes, a leaf node per leaf site behind its link, police and ministry on
 * the hub, one immigration instance per site with its own database.
 */
export async function startNational(stops: StopList, log: Log): Promise<BenchTarget> {
  const stateDir = ownStateDir(stops, 'national');
  process.env.POLICE_PORT = String(await freePort());
  process.env.MINISTRY_PORT = String(await freePort());
  process.env.CONSOLE_PORT = String(await freePort());
  const databaseUrls: Record<string, string> = {
    police: await database(stops, 'police'),
    ministry: await database(stops, 'ministry'),
  };
  // The sites come from the registry the stack reads; their databases must exist before it starts.
  const sites = loadRegistry(agenciesFile()).sites ?? [];
  for (const site of sites)
    databaseUrls[`immigration-${site.id}`] = await database(stops, `immigration_${site.id}`);
  const stack = await withServiceNodeOptions(() => startNationalStack({ log, databaseUrls }));
  stops.add(() => stack.stop());
  return {
    topology: 'national',
    natsServers: stack.topology.hub.map((h) => h.url).join(','),
    caFile: stack.topology.ca,
    adminCredsFile: unitCredsFile(stateDir, 'admin:operator'),
    police: stack.urls.police,
    ministry: stack.urls.ministry,
    consoleUrl: stack.consoleUrl,
    tokens: tokensOf(stack.tokensFile),
    tokensFile: stack.tokensFile,
    sites: stack.topology.sites.map((s) => ({
      site: s.site,
      immigration: s.immigrationUrl,
      checkpoint: s.checkpoints[0]!,
      databaseUrl: databaseUrls[`immigration-${s.site}`]!,
      ...(s.leaf ? { leafUrl: s.leaf.url } : {}),
    })),
  };
}

export interface MirrorCheck {
  site: string;
  /** Messages held by the hub's MINISTRY and by the site's filtered mirror of it. */
  hubMessages: number;
  mirrorMessages: number;
  /** The mirror holds at sequence `seq` the very event the hub holds there. */
  sameEvent: boolean;
}

/**
 * That a leaf site's filtered `MINISTRY` mirror keeps the hub's sequence numbers (what comparing
 * its replica's last_sequence with the hub's S_k relies on): the event at hub sequence `seq` is the
 * one at the mirror's `seq`, while the mirror holds fewer messages (the alerts are filtered out).
 */
export async function checkMirrorSequences(target: BenchTarget, seq: number): Promise<MirrorCheck[]> {
  const at = async (servers: string) => {
    const nc = await connect({
      servers: servers.split(','),
      noAsyncTraces: true,
      name: 'bench-e2e-mirror-check',
      tls: { caFile: target.caFile },
      authenticator: authenticatorFor(target.adminCredsFile),
    });
    try {
      const jsm = await jetstreamManager(nc);
      const info = await jsm.streams.info('MINISTRY');
      const message = await jsm.streams.getMessage('MINISTRY', { seq });
      const id = message ? (message.json<{ id?: string }>().id ?? null) : null;
      return { messages: info.state.messages, id };
    } finally {
      await nc.close();
    }
  };
  const leaves = target.sites.filter((s) => s.leafUrl);
  if (leaves.length === 0) return [];
  const hub = await at(target.natsServers);
  const checks: MirrorCheck[] = [];
  for (const site of leaves) {
    const mirror = await at(site.leafUrl!);
    checks.push({
      site: site.site,
      hubMessages: hub.messages,
      mirrorMessages: mirror.messages,
      sameEvent: hub.id !== null && mirror.id === hub.id,
    });
  }
  return checks;
}
