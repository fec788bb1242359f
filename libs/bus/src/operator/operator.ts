import { join } from 'node:path';
import { findUp, resolveNatsEndpoint } from '../config/nats-config.js';
import { BusConnection } from '../connection/bus-connection.js';
import { silentLogger } from '../logger.js';
import { FileKeyRegistry, type KeyRegistry } from '../signing/registry.js';

/**
 * Connection of an operator command (`simpul streams|deadletters|tail`): NATS from `NATS_URL`,
 * else `.simpul/nats.json`, else the local default; fails after `timeoutMs` instead of waiting
 * forever like a service does.
 */
export async function connectOperator(
  env: Record<string, string | undefined>,
  options: { name: string; timeoutMs?: number; cwd?: string },
): Promise<BusConnection> {
  const endpoint = resolveNatsEndpoint(env, options.cwd);
  return BusConnection.connect(
    {
      servers: endpoint.url,
      caFile: endpoint.ca,
      name: options.name,
      logger: silentLogger,
      reconnectMaxMs: 1000,
    },
    options.timeoutMs ?? 5000,
  );
}

/** The key registry operators verify with: `SIMPUL_KEY_REGISTRY`, else `.simpul/keys/registry.json` when present. */
export function resolveKeyRegistry(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): KeyRegistry | undefined {
  const file = env.SIMPUL_KEY_REGISTRY || findUp(cwd, join('.simpul', 'keys', 'registry.json'));
  return file ? FileKeyRegistry.load(file) : undefined;
}
