// The national topology as `npm run start:all -- --topology national` runs it (docs/contract.md §11):
// the launcher as a child process on a state directory, databases and ports of this test's own;
// the reference scenario through the public APIs; Batam's link cut with `simpul site link` (a
// real cut: the site keeps denying from its own replica, its delay stays at the site and reaches
// the ministry once after the link returns); a hub node killed and brought back with
// `simpul hub restart`; and everything gone within 10 s of SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { authenticatorFor } from '@simpul/bus';
import { join } from 'node:path';
import { createTestDatabase, freePort, type TestDatabase } from '@simpul/bus/testing';
import type { LocalTopology } from '@simpul/bus/operator';
import { loadRegistry } from '@simpul/trust';
import { isAlive } from '../../deploy/local/src/managed-process.js';
import { agenciesFile } from '../../deploy/local/src/nats-server.js';
import { REPO_ROOT } from '../../deploy/local/src/paths.js';
import { playOutage, type OutageReport } from '../../deploy/local/src/demo/play-outage.js';
import { playScenario, type ScenarioReport } from '../../deploy/local/src/demo/play-scenario.js';

const TIMEOUT = 180_000;

const stateDir = mkdtempSync(join(tmpdir(), 'simpul-national-'));
const env: NodeJS.ProcessEnv = { ...process.env, SIMPUL_STATE_DIR: stateDir };
delete env.NATS_URL;
const databases: TestDatabase[] = [];
let launcher: ChildProcess;
let output = '';
let topology: LocalTopology;

/** `npx simpul …` against this test's run (its state directory); stdout, stderr and exit code. */
function simpul(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'libs/cli/bin/simpul.js'), ...args], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const readTopology = () => JSON.parse(readFileSync(join(stateDir, 'topology.json'), 'utf8')) as LocalTopology;

beforeAll(async () => {
  chmodSync(stateDir, 0o755);
  env.POLICE_PORT = String(await freePort());
  env.MINISTRY_PORT = String(await freePort());
  env.CONSOLE_PORT = String(await freePort());
  const processes = [
    'police',
    'ministry',
    ...(loadRegistry(agenciesFile()).sites ?? []).map((s) => `immigration-${s.id}`),
  ];
  for (const name of processes) {
    const database = await createTestDatabase(`national_${name.replace(/-/g, '_')}`);
    databases.push(database);
    env[`${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`] = database.url;
  }
  launcher = spawn(
    process.execPath,
    [join(REPO_ROOT, 'deploy/local/dist/start-all.js'), '--topology', 'national'],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  launcher.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  launcher.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 180_000;
  while (!output.includes('ready (national)')) {
    if (launcher.exitCode !== null || Date.now() > deadline)
      throw new Error(`the launcher did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  topology = readTopology();
}, TIMEOUT);

afterAll(async () => {
  if (launcher && launcher.exitCode === null) {
    launcher.kill('SIGTERM');
    await new Promise((resolve) => launcher.once('exit', resolve));
  }
  for (const database of databases) await database.drop();
  rmSync(stateDir, { recursive: true, force: true });
}, 60_000);

describe('the national topology (local run)', () => {
  it(
    'writes topology.json as the contract specifies',
    () => {
      expect(topology.topology).toBe('national');
      expect(existsSync(topology.ca)).toBe(true);
      expect(topology.hub.map((h) => h.name)).toEqual(['hub-1', 'hub-2', 'hub-3']);
      for (const node of topology.hub) {
        expect(node.url).toMatch(/^tls:\/\/127\.0\.0\.1:\d+$/);
        expect(node.monitorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(node.url).not.toMatch(/:4222$/);
        expect(isAlive(node.pid)).toBe(true);
      }
      const batam = topology.sites.find((s) => s.site === 'batam')!;
      expect(batam).toMatchObject({ checkpoints: ['batam-center', 'sekupang'], link: 'up' });
      expect(batam.leaf!.url).toMatch(/^tls:\/\/127\.0\.0\.1:\d+$/);
      expect(topology.sites.find((s) => s.site === 'dumai')).toMatchObject({ checkpoints: ['dumai'] });
      expect(Object.keys(topology.services).sort()).toEqual(['ministry', 'police']);
    },
    TIMEOUT,
  );

  let scenario: ScenarioReport;
  it(
    'plays the reference scenario as on one server',
    async () => {
      const batam = topology.sites.find((s) => s.checkpoints.includes('batam-center'))!;
      scenario = await playScenario(
        {
          police: topology.services.police,
          ministry: topology.services.ministry,
          immigration: batam.immigrationUrl,
        },
        join(stateDir, 'tokens.json'),
        () => undefined,
      );
      expect(scenario.failures).toEqual([]);
      expect(scenario.screening.decision).toBe('deny');
      expect(scenario.policeSawMatch).toBe(true);
      expect(scenario.preventedDepartures.riau).toBe(58);
    },
    TIMEOUT,
  );

  let outage: OutageReport;
  it(
    'with Batam cut off, the site denies from its replica and its delay reaches the ministry once, after the link returns',
    async () => {
      const batam = topology.sites.find((s) => s.site === 'batam')!;
      const setLink = async (site: string, state: 'up' | 'down') => {
        const result = simpul('site', 'link', site, state);
        expect(result).toMatchObject({ status: 0, stdout: `site ${site}: link ${state}\n` });
        expect(readTopology().sites.find((s) => s.site === site)!.link).toBe(state);
      };
      outage = await playOutage(
        { ministry: topology.services.ministry, immigration: batam.immigrationUrl },
        join(stateDir, 'tokens.json'),
        setLink,
        'batam',
        () => undefined,
      );
      expect(outage.failures).toEqual([]);
      expect(outage.screening.decision).toBe('deny');
      expect(outage.delayHeldAtSite).toBe(true);
      expect(outage.waitingForHubDuringOutage).toBeGreaterThanOrEqual(1);
      expect(outage.delayCountedTimes).toBe(1);
    },
    TIMEOUT,
  );

  it(
    'simpul site status reports every site: link up, nothing waiting, replicas caught up once the link is back',
    async () => {
      type Row = {
        site: string;
        link: string;
        entries: number;
        replicaLagEntries: number;
        waitingForHub: number;
        error?: string;
      };
      // The site's events reach the hub within seconds of the link's return (waitingForHub counts them).
      let rows: Row[];
      const deadline = Date.now() + 60_000;
      do {
        const result = simpul('site', 'status', '--json');
        expect(result.status).toBe(0);
        rows = JSON.parse(result.stdout) as Row[];
        if (rows.every((r) => r.waitingForHub === 0 && r.replicaLagEntries === 0)) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      } while (Date.now() < deadline);
      expect(rows.map((r) => r.site).sort()).toEqual(topology.sites.map((s) => s.site).sort());
      for (const row of rows) {
        expect(row).toMatchObject({ link: 'up', waitingForHub: 0, replicaLagEntries: 0 });
        expect(row.error).toBeUndefined();
        expect(row.entries).toBe(scenario.watchlistEntriesAtCheckpoints);
      }
    },
    TIMEOUT,
  );

  it(
    "sends each checkpoint desk of the console to its own site's immigration deployment",
    async () => {
      const tokens = JSON.parse(readFileSync(join(stateDir, 'tokens.json'), 'utf8')) as Record<
        string,
        string
      >;
      const consoleUrl = `http://127.0.0.1:${env.CONSOLE_PORT}`;
      for (const site of topology.sites) {
        for (const checkpoint of site.checkpoints) {
          const res = await fetch(`${consoleUrl}/api/immigration/${checkpoint}/v1/watchlist/status`, {
            headers: { authorization: `Bearer ${tokens[`checkpoint:${checkpoint}`]}` },
          });
          expect(res.status).toBe(200);
          expect(((await res.json()) as { site: { id: string } }).site.id).toBe(site.site);
        }
      }
    },
    TIMEOUT,
  );

  it(
    'refuses a link change for a site without a leaf, naming the sites that have one',
    () => {
      const result = simpul('site', 'link', 'central', 'down');
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("site 'central' has no leaf link");
    },
    TIMEOUT,
  );

  it(
    "keeps a site's dead letters at the site, where simpul deadletters --site reaches them",
    async () => {
      const admin = await connect({
        servers: topology.hub.map((h) => h.url),
        tls: { caFile: topology.ca },
        authenticator: authenticatorFor(join(stateDir, 'creds', 'admin-operator.creds')),
      });
      try {
        // Not an event at all: every watchlist consumer gives up on it at once.
        const eventId = randomUUID();
        await jetstream(admin).publish('ministry.watchlist.entry.issued', 'not an event', { msgID: eventId });
        const letters = (args: string[]) => {
          const result = simpul('deadletters', 'list', '--json', ...args);
          expect(result.status).toBe(0);
          return result.stdout
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as { consumer: string; streamSequence: number });
        };
        let atBatam: Array<{ consumer: string }> = [];
        const deadline = Date.now() + 60_000;
        while (Date.now() < deadline) {
          atBatam = letters(['--site', 'batam']);
          if (atBatam.some((l) => l.consumer === 'immigration-batam-watchlist')) break;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        expect(atBatam.map((l) => l.consumer)).toContain('immigration-batam-watchlist');
        expect(atBatam.every((l) => l.consumer.startsWith('immigration-batam-'))).toBe(true);
        expect(letters([]).map((l) => l.consumer)).not.toContain('immigration-batam-watchlist');
        const refused = simpul('deadletters', 'list', '--site', 'central');
        expect(refused.status).toBe(1);
        expect(refused.stderr).toContain("site 'central' has no leaf node of its own");
      } finally {
        await admin.close();
      }
    },
    TIMEOUT,
  );

  it(
    'brings a killed hub node back with simpul hub restart',
    async () => {
      const node = topology.hub[1]!;
      process.kill(node.pid, 'SIGKILL');
      while (isAlive(node.pid)) await new Promise((resolve) => setTimeout(resolve, 50));
      const result = simpul('hub', 'restart', node.name);
      expect(result).toMatchObject({ status: 0, stdout: `${node.name}: running and back in the cluster\n` });
      const restarted = readTopology().hub.find((h) => h.name === node.name)!;
      expect(restarted.pid).not.toBe(node.pid);
      expect(isAlive(restarted.pid)).toBe(true);
      const jsz = (await (await fetch(`${restarted.monitorUrl}/jsz`)).json()) as {
        meta_cluster?: { leader?: string };
      };
      expect(jsz.meta_cluster?.leader).toMatch(/^hub-[123]$/);
    },
    TIMEOUT,
  );

  it(
    'stops everything it started within 10 s of SIGTERM',
    async () => {
      const pids = [
        ...readTopology().hub.map((h) => h.pid),
        ...readTopology().sites.flatMap((s) => (s.leaf ? [s.leaf.pid] : [])),
      ];
      const exited = new Promise((resolve) => launcher.once('exit', resolve));
      launcher.kill('SIGTERM');
      const deadline = Date.now() + 10_000;
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      expect(launcher.exitCode).toBe(0);
      while (pids.some(isAlive) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(pids.filter(isAlive)).toEqual([]);
    },
    TIMEOUT,
  );
});
