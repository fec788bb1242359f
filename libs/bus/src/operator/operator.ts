import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { localStateFile, resolveNatsEndpoint } from '../config/nats-config.js';
import { BusConnection } from '../connection/bus-connection.js';
import { silentLogger } from '../logger.js';
import { FileKeyRegistry, type KeyRegistry } from '../signing/registry.js';

/** The admin identity's credentials file name in a local run's `.simpul/creds/`. */
export const ADMIN_CREDS_FILE = 'admin-operator.creds';

/**
 * Connection of an operator command (`simpul streams|deadletters|tail|agency`): NATS from
 * `NATS_URL`, else `.simpul/nats.json`, else the local default; as the admin of `NATS_CREDS_FILE`,
 * else of `.simpul/creds/admin-operator.creds` beside that nats.json (a local run secured by the
 * launcher), else anonymously. `NATS_CA_FILE` overrides the CA. Fails after `timeoutMs` instead of
 * waiting forever like a service does.
 */
export async function connectOperator(
  env: Record<string, string | undefined>,
  options: { name: string; timeoutMs?: number; cwd?: string },
): Promise<BusConnection> {
  const endpoint = resolveNatsEndpoint(env, options.cwd);
  const natsJson = localStateFile(env, options.cwd ?? process.cwd(), 'nats.json');
  const localAdmin = natsJson ? join(dirname(natsJson), 'creds', ADMIN_CREDS_FILE) : undefined;
  const credsFile =
    env.NATS_CREDS_FILE ||
    (endpoint.origin === 'file' && localAdmin && existsSync(localAdmin) ? localAdmin : undefined);
  return BusConnection.connect(
    {
      servers: endpoint.url,
      caFile: env.NATS_CA_FILE || endpoint.ca,
      credsFile,
      name: options.name,
      logger: silentLogger,
      reconnectMaxMs: 1000,
    },
    options.timeoutMs ?? 5000,
  );
}

/** The key registry operators verify with: `SIMPUL_KEY_REGISTRY`, else the local run's `keys/registry.json` when present. */
export function resolveKeyRegistry(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): KeyRegistry | undefined {
  const file = env.SIMPUL_KEY_REGISTRY || localStateFile(env, cwd, join('keys', 'registry.json'));
  return file ? FileKeyRegistry.load(file) : undefined;
}
