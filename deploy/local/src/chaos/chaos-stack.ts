import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BusConnection } from '@simpul/bus';
import { freePort } from '@simpul/bus/testing';
import { loadRegistry } from '@simpul/trust';
import type { JetStreamManager } from '@nats-io/jetstream';
import { agenciesFile } from '../nats-server.js';
import { REPO_ROOT } from '../paths.js';
import { startNationalStack, type NationalStack } from '../national/national-stack.js';
import { databaseUrl, ensureDatabases, startPrivateCluster, type PostgresChoice } from '../postgres.js';
import { waitForHealthy } from '../service-process.js';

/** The national stack of one chaos run, on a PostgreSQL, state directory and ports of its own. */
export interface ChaosStack {
  stack: NationalStack;
  stateDir: string;
  /** Database URL of each service process: police, ministry, immigration-<site>. */
  databaseUrls: Record<string, string>;
  /** Site ids, and the checkpoints each serves. */
  sites: Array<{ id: string; leaf: boolean; checkpoints: string[] }>;
  /** JetStream management as the admin: the hub's domain, and each leaf site's own server. */
  hubJsm(): Promise<JetStreamManager>;
  siteJsm(site: string): Promise<JetStreamManager>;
  /** Stops the private PostgreSQL (fast shutdown), waits `downMs`, starts it again; resolves when every service is healthy. */
  restartPostgres(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Starts the national shape (deploy/local/src/national) for the fault suite: a mkdtemp state
 * directory, a private PostgreSQL cluster under it (the suite restarts it; the machine's shared
 * PostgreSQL and nats-server are never touched), one database per service process on it, free
 * ports. `env` is set in this process before the start, so every service inherits it.
 */
export async function startChaosStack(
  log: (line: string) => void,
  env: Record<string, string> = {},
): Promise<ChaosStack> {
  const stateDir = mkdtempSync(join(tmpdir(), 'simpul-chaos-'));
  // As root the private cluster runs as `postgres`, which must be able to reach its directory.
  chmodSync(stateDir, 0o755);
  process.env.SIMPUL_STATE_DIR = stateDir;
  delete process.env.NATS_URL;
  process.env.POLICE_PORT = String(await freePort());
  process.env.MINISTRY_PORT = String(await freePort());
  process.env.CONSOLE_PORT = String(await freePort());
  Object.assign(process.env, env);
  const sites = (loadRegistry(agenciesFile()).sites ?? []).map((s) => ({
    id: s.id,
    leaf: s.leaf === true,
    checkpoints: [...s.checkpoints],
  }));
  let postgres: PostgresChoice | undefined;
  let stack: NationalStack | undefined;
  const connections: BusConnection[] = [];
  const cleanUp = async () => {
    await Promise.all(connections.map((c) => c.drain().catch(() => undefined)));
    await stack?.stop();
    await postgres?.process?.stop(10_000);
    keepLogs(stateDir);
    rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    postgres = await startPrivateCluster(log);
    const names: Record<string, string> = { police: 'simpul_police', ministry: 'simpul_ministry' };
    for (const site of sites) names[`immigration-${site.id}`] = `simpul_immigration_${site.id}`;
    await ensureDatabases(postgres.adminUrl, Object.values(names));
    const databaseUrls = Object.fromEntries(
      Object.entries(names).map(([process, db]) => [process, databaseUrl(postgres!.adminUrl, db)]),
    );
    stack = await startNationalStack({ log, databaseUrls });
    const started = stack;
    const admin = async (servers: string | string[]) => {
      const connection = await BusConnection.connect(
        {
          servers,
          name: 'simpul-chaos-admin',
          caFile: started.topology.ca ?? undefined,
          credsFile: join(stateDir, 'creds', 'admin-operator.creds'),
          reconnectMaxMs: 500,
          logger: silent,
        },
        30_000,
      );
      connections.push(connection);
      return connection.jsm;
    };
    let hub: Promise<JetStreamManager> | undefined;
    const leaves = new Map<string, Promise<JetStreamManager>>();
    return {
      stack,
      stateDir,
      databaseUrls,
      sites,
      hubJsm: () => (hub ??= admin(started.topology.hub.map((h) => h.url))),
      siteJsm: (site) => {
        const url = started.topology.sites.find((s) => s.site === site)?.leaf?.url;
        if (!url) throw new Error(`site ${site} has no leaf node`);
        if (!leaves.has(site)) leaves.set(site, admin(url));
        return leaves.get(site)!;
      },
      async restartPostgres(downMs) {
        await postgres!.process?.stop(10_000);
        await new Promise((resolve) => setTimeout(resolve, downMs));
        postgres = await startPrivateCluster(log);
        await Promise.all([...started.services.values()].map((s) => waitForHealthy(s, 120_000)));
      },
      stop: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** Where the last run's logs stay after its state directory is removed (git-ignored, like `.simpul/`). */
export const CHAOS_LOGS = join(REPO_ROOT, '.simpul', 'chaos-logs');

/** Copies the services' and the NATS nodes' logs of a run to CHAOS_LOGS, replacing the previous run's. */
function keepLogs(stateDir: string): void {
  rmSync(CHAOS_LOGS, { recursive: true, force: true });
  for (const dir of ['logs', 'national']) {
    const from = join(stateDir, dir);
    if (!existsSync(from)) continue;
    cpSync(from, join(CHAOS_LOGS, dir), {
      recursive: true,
      filter: (source) =>
        !source.includes(`${dir}/store`) && !source.endsWith('.conf') && !source.endsWith('.pid'),
    });
  }
}
