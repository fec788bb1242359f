import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LauncherError } from './install.js';
import { isAlive, startManaged, type ManagedProcess } from './managed-process.js';
import { ensureNats, ensureTrustMaterial, type NatsChoice } from './nats-server.js';
import { REPO_ROOT, statePath } from './paths.js';
import { ensurePrivacyKeys } from './privacy-keys.js';
import { databaseUrl, ensureDatabases, ensurePostgres } from './postgres.js';
import { loadReferenceUnits, referenceUnitsPath } from './reference-units.js';
import { spawnSync } from 'node:child_process';

export const SERVICES = ['police', 'ministry', 'immigration'] as const;
export type ServiceName = (typeof SERVICES)[number];

const DEFAULT_PORTS: Record<ServiceName, number> = { police: 3101, ministry: 3102, immigration: 3103 };

/** The registry unit each service connects to NATS as (deploy/agencies.yaml). */
const NATS_IDENTITY: Record<ServiceName, string> = {
  police: 'police:gateway',
  ministry: 'ministry:service',
  immigration: 'immigration:local',
};

export interface LocalStack {
  /** Base URL of each service's HTTP API. */
  urls: Record<ServiceName, string>;
  natsUrl: string;
  tokensFile: string;
  /**
   * Ends one service's process with `signal` (default SIGTERM; SIGKILL to simulate a crash), then
   * starts it again with the same environment and waits until its /health answers 200.
   */
  restartService(service: ServiceName, options?: { signal?: NodeJS.Signals }): Promise<void>;
  /** Stops everything this launcher started (services first, then NATS and PostgreSQL). */
  stop(): Promise<void>;
}

/**
 * Starts a whole local Simpul (docs/contract.md §8, §10): NATS and PostgreSQL found or started, the three
 * databases created and migrated, tokens and dev signing keys for every reference unit written
 * before any service answers /health, then the three services, each waited for.
 */
export async function startLocalStack(log: (line: string) => void): Promise<LocalStack> {
  const started: ManagedProcess[] = [];
  const stop = async () => {
    // Services first (they drain NATS and finish their transactions), then the infrastructure.
    const services = started.filter((p) => SERVICES.includes(p.name as ServiceName));
    const infrastructure = started.filter((p) => !services.includes(p));
    await Promise.all(services.map((p) => p.stop(8000)));
    await Promise.all(infrastructure.map((p) => p.stop(1500)));
  };
  try {
    // Keys, NATS credentials, tokens and TLS come from deploy/agencies.yaml, before anything starts.
    const trust = await ensureTrustMaterial();
    const nats = await ensureNats(log, trust);
    if (nats.process) started.push(nats.process);

    const databaseUrls = await databases(log, started);

    const { tokensFile, hashesFile } = trust.tokens;
    const keysDir = trust.paths.keysDir;
    log(`API tokens in ${tokensFile}; NATS credentials in ${trust.paths.credsDir}`);

    const privacyKeys = ensurePrivacyKeys();
    const logs = statePath('logs');
    mkdirSync(logs, { recursive: true });
    const urls = {} as Record<ServiceName, string>;
    const launchers = {} as Record<ServiceName, () => ManagedProcess>;
    for (const service of SERVICES) {
      const prefix = service.toUpperCase();
      const port = Number(process.env[`${prefix}_PORT`] || DEFAULT_PORTS[service]);
      const env = {
        ...process.env,
        NATS_URL: nats.url,
        ...natsIdentityEnv(nats, service),
        SIMPUL_KEYS_DIR: keysDir,
        // A local run is a development run: a service may generate a dev key it is missing.
        SIMPUL_DEV_KEYS: '1',
        TOKEN_HASHES_FILE: hashesFile,
        // A local run serves every reference unit; the services have no repository defaults.
        REFERENCE_UNITS_FILE: process.env.REFERENCE_UNITS_FILE || referenceUnitsPath(),
        IMMIGRATION_CHECKPOINTS: process.env.IMMIGRATION_CHECKPOINTS || referenceCheckpointCodes(),
        // The police deployment reads the matches consumer named from its registry id (police-gateway-matches).
        POLICE_DEPLOYMENT: NATS_IDENTITY.police,
        [`${prefix}_DATABASE_URL`]: databaseUrls[service],
        [`${prefix}_PORT`]: String(port),
        // Only the ministry stores identities; the other services never see its keys.
        ...(service === 'ministry' ? privacyKeys : {}),
      };
      migrate(service, env);
      launchers[service] = () =>
        startManaged(service, process.execPath, [join(REPO_ROOT, 'apps', service, 'dist', 'main.js')], {
          logFile: join(logs, `${service}.log`),
          pidFile: statePath(`${service}.pid`),
          env,
          cwd: REPO_ROOT,
        });
      started.push(launchers[service]());
      urls[service] = `http://127.0.0.1:${port}`;
    }
    await Promise.all(SERVICES.map((service) => waitForHealth(service, urls[service], logs)));
    log(`services up: ${SERVICES.map((s) => `${s} ${urls[s]}`).join(', ')} (logs in ${logs})`);
    const restartService = async (
      service: ServiceName,
      { signal = 'SIGTERM' }: { signal?: NodeJS.Signals } = {},
    ): Promise<void> => {
      const index = started.findIndex((p) => p.name === service);
      if (index < 0) throw new LauncherError(`${service} is not running`);
      const old = started[index]!;
      if (signal !== 'SIGTERM' && isAlive(old.pid)) process.kill(old.pid, signal);
      await old.stop(8000); // SIGTERM if still alive, SIGKILL after the grace period; returns once gone
      started[index] = launchers[service]();
      await waitForHealth(service, urls[service], logs);
    };
    return { urls, natsUrl: nats.url, tokensFile, restartService, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A service's NATS identity on the launcher's secured server; nothing extra on a given NATS_URL. */
function natsIdentityEnv(nats: NatsChoice, service: ServiceName): Record<string, string> {
  if (!nats.credsFor) return {};
  const { credsFile, inboxPrefix } = nats.credsFor(NATS_IDENTITY[service]);
  return {
    NATS_CA_FILE: nats.ca ?? '',
    NATS_CREDS_FILE: credsFile,
    NATS_INBOX_PREFIX: inboxPrefix,
    // The admin provisioned streams and consumers; the service's user may not create them.
    BUS_PROVISION: 'none',
  };
}

async function databases(
  log: (line: string) => void,
  started: ManagedProcess[],
): Promise<Record<ServiceName, string>> {
  const given = Object.fromEntries(SERVICES.map((s) => [s, process.env[`${s.toUpperCase()}_DATABASE_URL`]]));
  if (SERVICES.every((s) => given[s])) return given as Record<ServiceName, string>;
  const postgres = await ensurePostgres(log);
  if (postgres.process) started.push(postgres.process);
  await ensureDatabases(
    postgres.adminUrl,
    SERVICES.filter((s) => !given[s]).map((s) => `simpul_${s}`),
  );
  return Object.fromEntries(
    SERVICES.map((s) => [s, given[s] ?? databaseUrl(postgres.adminUrl, `simpul_${s}`)]),
  ) as Record<ServiceName, string>;
}

function migrate(service: ServiceName, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'apps', service, 'dist', 'database', 'migrate.js')],
    {
      env,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    throw new LauncherError(
      `migrations of ${service} failed: ${(result.stderr || result.stdout).trim().split('\n').pop()}`,
    );
  }
}

async function waitForHealth(
  service: ServiceName,
  url: string,
  logs: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new LauncherError(
    `${service} did not become healthy within ${timeoutMs / 1000} s: see ${logs}/${service}.log`,
  );
}

/** Every checkpoint code of the reference units, comma-separated (IMMIGRATION_CHECKPOINTS). */
function referenceCheckpointCodes(): string {
  return loadReferenceUnits()
    .checkpoints.map((checkpoint) => checkpoint.code)
    .filter((code): code is string => typeof code === 'string')
    .join(',');
}
