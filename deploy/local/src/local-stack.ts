import { mkdirSync } from 'node:fs';
import { LauncherError } from './install.js';
import type { ManagedProcess } from './managed-process.js';
import { ensureNats, ensureTrustMaterial, type NatsChoice } from './nats-server.js';
import { statePath } from './paths.js';
import { ensurePrivacyKeys } from './privacy-keys.js';
import { databaseUrl, ensureDatabases, ensurePostgres } from './postgres.js';
import { loadReferenceUnits, referenceUnitsPath } from './reference-units.js';
import type { TrustMaterial } from '@simpul/trust';
import { launchConsole } from './console-process.js';
import { launchService, waitForHealthy, type ServiceInstance } from './service-process.js';

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
  /** The console's address (http://127.0.0.1:3100 unless CONSOLE_PORT says otherwise). */
  consoleUrl: string;
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

    const { tokensFile } = trust.tokens;
    log(`API tokens in ${tokensFile}; NATS credentials in ${trust.paths.credsDir}`);

    const privacyKeys = ensurePrivacyKeys();
    const logs = statePath('logs');
    mkdirSync(logs, { recursive: true });
    const instances = {} as Record<ServiceName, ServiceInstance>;
    for (const service of SERVICES) {
      const prefix = service.toUpperCase();
      const port = Number(process.env[`${prefix}_PORT`] || DEFAULT_PORTS[service]);
      const env = {
        ...process.env,
        NATS_URL: nats.url,
        ...natsIdentityEnv(nats, NATS_IDENTITY[service]),
        ...serviceTrustEnv(trust),
        IMMIGRATION_CHECKPOINTS: process.env.IMMIGRATION_CHECKPOINTS || referenceCheckpointCodes(),
        // The police deployment reads the matches consumer named from its registry id (police-gateway-matches).
        POLICE_DEPLOYMENT: NATS_IDENTITY.police,
        [`${prefix}_DATABASE_URL`]: databaseUrls[service],
        [`${prefix}_PORT`]: String(port),
        // Only the ministry stores identities; the other services never see its keys.
        ...(service === 'ministry' ? privacyKeys : {}),
      };
      instances[service] = launchService(service, service, port, env);
      started.push(instances[service].process);
    }
    await Promise.all(SERVICES.map((service) => waitForHealthy(instances[service])));
    const urls = Object.fromEntries(SERVICES.map((s) => [s, instances[s].url])) as Record<
      ServiceName,
      string
    >;
    log(`services up: ${SERVICES.map((s) => `${s} ${urls[s]}`).join(', ')} (logs in ${statePath('logs')})`);
    const consoleApp = launchConsole(urls);
    started.push(consoleApp.process);
    await waitForHealthy(consoleApp);
    log(`console: ${consoleApp.url}/`);
    const restartService = async (
      service: ServiceName,
      options: { signal?: NodeJS.Signals } = {},
    ): Promise<void> => {
      const index = started.indexOf(instances[service].process);
      if (index < 0) throw new LauncherError(`${service} is not running`);
      await instances[service].restart(options);
      started[index] = instances[service].process;
    };
    return { urls, consoleUrl: consoleApp.url, natsUrl: nats.url, tokensFile, restartService, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A service's NATS identity (a registry unit) on the launcher's secured server; nothing extra on a given NATS_URL. */
export function natsIdentityEnv(
  nats: Pick<NatsChoice, 'ca' | 'credsFor'>,
  unitId: string,
): Record<string, string> {
  if (!nats.credsFor) return {};
  const { credsFile, inboxPrefix } = nats.credsFor(unitId);
  return {
    NATS_CA_FILE: nats.ca ?? '',
    NATS_CREDS_FILE: credsFile,
    NATS_INBOX_PREFIX: inboxPrefix,
    // The admin provisioned streams and consumers; the service's user may not create them.
    BUS_PROVISION: 'none',
  };
}

/** What every service of a local run gets from the trust material: keys, token hashes, reference units. */
export function serviceTrustEnv(trust: TrustMaterial): Record<string, string> {
  return {
    SIMPUL_KEYS_DIR: trust.paths.keysDir,
    // A local run is a development run: a service may generate a dev key it is missing.
    SIMPUL_DEV_KEYS: '1',
    TOKEN_HASHES_FILE: trust.tokens.hashesFile,
    // A local run serves every reference unit; the services have no repository defaults.
    REFERENCE_UNITS_FILE: process.env.REFERENCE_UNITS_FILE || referenceUnitsPath(),
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

/** Every checkpoint code of the reference units, comma-separated (IMMIGRATION_CHECKPOINTS). */
function referenceCheckpointCodes(): string {
  return loadReferenceUnits()
    .checkpoints.map((checkpoint) => checkpoint.code)
    .filter((code): code is string => typeof code === 'string')
    .join(',');
}
