import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { BusConnection, silentLogger, simpulConsumers, simpulStreams, type DevUnit } from '@simpul/bus';
import { provisionTopology } from '@simpul/bus/operator';
import {
  createTestDatabase,
  createTestKeys,
  freePort,
  publishSignedEvent,
  startNatsServer,
  type TestDatabase,
  type TestKeys,
  type TestNatsServer,
} from '@simpul/bus/testing';
import { sourceForUnit, type AnyEvent } from '@simpul/contracts';
import { hashToken } from '@simpul/http';
import { generatePrivacyKeys } from '@simpul/privacy';
import type { ApiResponse, Json, ServiceName } from './api-client.js';
import { startServiceProcess, waitUntilHealthy, type ServiceProcess } from './service-process.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const REFERENCE_UNITS_FILE = join(repoRoot, 'deploy', 'reference', 'units.json');

export interface FleetOptions {
  /** Prefix of the databases' names. */
  name: string;
  /** Unit ids whose signing keys the fleet generates (every publisher: services and the test itself). */
  units: string[];
  /** Units the API accepts a token of. */
  apiUnits: string[];
  /** Immigration site ids and police deployment codes whose durables the fleet provisions. */
  sites?: string[];
  policeDeployments?: string[];
  /**
   * The durables' ack wait: a killed instance's unacknowledged messages go to another after it,
   * so a short one keeps a crash test short (production: 30 s).
   */
  ackWaitMs?: number;
}

/** One service process of the fleet, restartable on the same port and environment. */
export interface Instance {
  readonly service: ServiceName;
  readonly baseUrl: string;
  process: ServiceProcess;
  /** Ends the process with `signal` (SIGKILL: a crash, nothing drained) and waits for its exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again, same port and environment, and waits until /health answers 200. */
  restart(): Promise<void>;
}

export interface Fleet {
  nats: TestNatsServer;
  keys: TestKeys;
  /** The test's own connection (the streams' state, publishing). */
  probe: BusConnection;
  /** A fresh database, migrated for `service`: instances given the same one share their state. */
  database(service: ServiceName): Promise<TestDatabase>;
  /**
   * Starts one instance of `service` as its own OS process on a free port, with the fleet's
   * nats-server, keys and tokens, and `env` (its database URL, site, deployment...).
   */
  start(service: ServiceName, env: Record<string, string>): Promise<Instance>;
  /**
   * Publishes `event` signed with the key of its source, as the relay would; the stream sequence.
   * `msgId` other than the event id gets a copy past JetStream's de-duplication (a consumer's inbox
   * must then recognise it).
   */
  publish(event: AnyEvent, msgId?: string): Promise<number>;
  /** Deletes every stream (and so every durable) and provisions them afresh: the next run starts from nothing. */
  resetBus(): Promise<void>;
  /** Calls an instance's API with the bearer token of `unit`. */
  api(
    instance: Instance,
    unit: string,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse>;
  stop(): Promise<void>;
}

/**
 * Several processes per service on one nats-server of the test's own, as replicas run in
 * production: the streams and durables provisioned once by the test (the admin's job, BUS_PROVISION
 * none in the services), every instance with the same keys, tokens and, for the ministry, the same
 * PII keys. Databases are created per call so a test can run one instance and two side by side.
 */
export async function startFleet(options: FleetOptions): Promise<Fleet> {
  const tmp = mkdtempSync(join(tmpdir(), `simpul-fleet-${options.name}-`));
  const databases: TestDatabase[] = [];
  const instances: Instance[] = [];
  let nats: TestNatsServer | undefined;
  let probe: BusConnection | undefined;
  const stop = async (): Promise<void> => {
    await Promise.all(instances.map((instance) => instance.process.stop(5000)));
    await probe?.drain().catch(() => undefined);
    await nats?.stop();
    for (const database of databases) await database.drop();
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    nats = await startNatsServer();
    const keys = await createTestKeys(options.units.map(devUnit), join(tmp, 'keys'));
    const tokens = Object.fromEntries(
      options.apiUnits.map((unit) => [unit, randomBytes(24).toString('hex')]),
    );
    const tokenHashesFile = join(tmp, 'token-hashes.json');
    writeFileSync(
      tokenHashesFile,
      JSON.stringify(
        Object.fromEntries(Object.entries(tokens).map(([unit, token]) => [hashToken(token), unit])),
      ),
    );
    const privacyKeys = generatePrivacyKeys('fleet');
    probe = await BusConnection.connect({
      servers: nats.url,
      name: `fleet-${options.name}`,
      logger: silentLogger,
    });
    const topology = {
      policeDeployments: options.policeDeployments ?? ['gateway'],
      consumer: { ackWaitMs: options.ackWaitMs ?? 5000 },
    };
    const provision = async (connection: BusConnection) => {
      await provisionTopology(connection.jsm, connection.serverVersion(), {
        streams: simpulStreams(topology),
        consumers: simpulConsumers(options.sites ?? ['local'], topology),
      });
    };
    await provision(probe);

    const common: Record<string, string> = {
      NATS_URL: nats.url,
      NATS_CA_FILE: '',
      NATS_CREDS_FILE: '',
      NATS_INBOX_PREFIX: '',
      BUS_PROVISION: 'none',
      SIMPUL_KEYS_DIR: keys.dir,
      // Every key exists already: an instance generating one would race the others.
      SIMPUL_DEV_KEYS: '',
      TOKEN_HASHES_FILE: tokenHashesFile,
      REFERENCE_UNITS_FILE,
      MINISTRY_PII_ENCRYPTION_KEY: privacyKeys.encryptionKey,
      MINISTRY_PII_INDEX_KEY: privacyKeys.indexKey,
    };
    const fleetProbe = probe;
    return {
      nats,
      keys,
      probe,
      async database(service) {
        const database = await createTestDatabase(`${options.name}_${service}`);
        databases.push(database);
        migrate(service, database.url);
        return database;
      },
      async start(service, env) {
        const port = await freePort();
        const fullEnv = { ...common, ...env };
        const instance: Instance = {
          service,
          baseUrl: `http://127.0.0.1:${port}`,
          process: startServiceProcess(service, port, fullEnv),
          async kill(signal = 'SIGKILL') {
            const { child, exited } = instance.process;
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            await exited;
          },
          async restart() {
            await instance.process.stop(10_000); // at once when killed; SIGTERM, then SIGKILL, otherwise
            instance.process = startServiceProcess(service, port, fullEnv);
            await waitUntilHealthy(instance.process, 60_000);
          },
        };
        instances.push(instance);
        await waitUntilHealthy(instance.process, 60_000);
        return instance;
      },
      async resetBus() {
        for (const stream of simpulStreams(topology)) await fleetProbe.jsm.streams.delete(stream.name);
        await provision(fleetProbe);
      },
      async publish(event, msgId) {
        const key = keys.keyRing.keyFor(event.source);
        if (!key) throw new Error(`no fleet key for ${event.source}`);
        return (await publishSignedEvent(fleetProbe.js, event, key, msgId ? { msgId } : {})).seq;
      },
      async api(instance, unit, method, path, body, headers = {}) {
        const token = tokens[unit];
        if (!token) throw new Error(`no fleet token for ${unit}`);
        const res = await fetch(`${instance.baseUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            'simpul-official': 'e2e test',
            'simpul-purpose': 'case_handling',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...headers,
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, body: (await res.json().catch(() => ({}))) as Json };
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** A unit id with the CloudEvents source its key signs for. */
function devUnit(unit: string): DevUnit {
  const source = sourceForUnit(unit);
  if (!source) throw new Error(`${unit} is not a unit id`);
  return { unit, source };
}

/** The explicit migration step a deployment runs before its instances start. */
function migrate(service: ServiceName, databaseUrl: string): void {
  const result = spawnSync(
    process.execPath,
    [join(repoRoot, 'apps', service, 'dist', 'database', 'migrate.js')],
    {
      env: { ...process.env, [`${service.toUpperCase()}_DATABASE_URL`]: databaseUrl },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    throw new Error(
      `migrations of ${service} failed: ${(result.stderr || result.stdout).trim().split('\n').pop()}`,
    );
  }
}

/**
 * True when the instance's /health says NATS is up, its outbox is published and every durable it
 * runs has nothing pending or unacknowledged.
 */
export async function instanceSettled(instance: Instance): Promise<boolean> {
  const res = await fetch(`${instance.baseUrl}/health`).catch(() => undefined);
  if (!res) return false;
  const nats = ((await res.json()) as Json).checks?.nats;
  if (nats?.status !== 'up' || nats.outboxBacklog !== 0) return false;
  return Object.values((nats.consumers ?? {}) as Record<string, Json>).every(
    (lag) => lag.pending === 0 && lag.ackPending === 0,
  );
}

/** One query on a service database, from a connection of its own (the test reading what a run left). */
export async function queryDatabase(databaseUrl: string, sql: string): Promise<Json[]> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return (await db.query(sql)).rows as Json[];
  } finally {
    await db.end();
  }
}
