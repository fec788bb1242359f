import { BusConnection, silentLogger } from '@simpul/bus';
import { provisionTopology, type ProvisionReport } from '@simpul/bus/operator';
import type { TrustMaterial } from '../onboarding/trust-material.js';
import { unitCredsFile } from '../onboarding/trust-material.js';
import { activeUnits } from '../registry/unit-entry.js';

/**
 * Creates or updates the streams and every consumer the registry names, connected as the
 * registry's admin: on a secured server no service may create them. Idempotent.
 */
export async function provisionAsAdmin(
  server: { url: string; ca: string | null },
  trust: TrustMaterial,
  timeoutMs = 15_000,
): Promise<ProvisionReport> {
  const admin = activeUnits(trust.registry).find((unit) => unit.admin);
  if (!admin) throw new Error('the registry has no active admin');
  const options = {
    servers: server.url,
    caFile: server.ca ?? undefined,
    credsFile: unitCredsFile(trust.paths.stateDir, admin.id),
    name: 'simpul-admin',
    logger: silentLogger,
    reconnectMaxMs: 500,
  };
  // Right after a reload (agency add/revoke) a busy server can take longer than one window to
  // accept the admin (seen once in a full CI run): one more window before giving up.
  const connection = await BusConnection.connect(options, timeoutMs).catch(() =>
    BusConnection.connect(options, timeoutMs),
  );
  try {
    return await provisionTopology(connection.jsm, connection.serverVersion(), trust.topology);
  } finally {
    await connection.drain();
  }
}
