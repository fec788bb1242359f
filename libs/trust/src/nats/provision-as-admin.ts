import { BusConnection, silentLogger, type BusConnectionOptions } from '@simpul/bus';
import { provisionTopology, type ProvisionReport } from '@simpul/bus/operator';
import type { TrustMaterial } from '../onboarding/trust-material.js';
import { unitCredsFile } from '../onboarding/trust-material.js';
import { activeUnits } from '../registry/unit-entry.js';
import type { NationalTopology } from './national-topology.js';

/** A server to reach: URL(s), and the CA to trust (null: plain TCP). */
export interface ServerRef {
  url: string | string[];
  ca: string | null;
}

/** Connection options of the registry's admin for `server`: on a secured server no service may provision. */
export function adminConnectionOptions(server: ServerRef, trust: TrustMaterial): BusConnectionOptions {
  const admin = activeUnits(trust.registry).find((unit) => unit.admin);
  if (!admin) throw new Error('the registry has no active admin');
  return {
    servers: server.url,
    caFile: server.ca ?? undefined,
    credsFile: unitCredsFile(trust.paths.stateDir, admin.id),
    name: 'simpul-admin',
    logger: silentLogger,
    reconnectMaxMs: 500,
  };
}

/** Provisions `topology` connected as the admin to `server`, then drains the connection. */
async function provisionOn(
  server: ServerRef,
  trust: TrustMaterial,
  topology: TrustMaterial['topology'],
  timeoutMs: number,
): Promise<ProvisionReport> {
  const options = adminConnectionOptions(server, trust);
  // Right after a reload (agency add/revoke) a busy server can take longer than one window to
  // accept the admin (seen once in a full CI run): one more window before giving up.
  const connection = await BusConnection.connect(options, timeoutMs).catch(() =>
    BusConnection.connect(options, timeoutMs),
  );
  try {
    return await provisionTopology(connection.jsm, connection.serverVersion(), topology);
  } finally {
    await connection.drain();
  }
}

/**
 * Creates or updates the streams and every consumer the registry names, connected as the
 * registry's admin: on a secured server no service may create them. Idempotent.
 */
export async function provisionAsAdmin(
  server: ServerRef,
  trust: TrustMaterial,
  timeoutMs = 15_000,
): Promise<ProvisionReport> {
  return provisionOn(server, trust, trust.topology, timeoutMs);
}

/**
 * Provisions the national topology, domain by domain, as the admin: the hub through `servers.hub`,
 * each leaf site through its own server (`servers.sites[<site>]`; the admin is a user there too,
 * and the leaf link lets the hub reach no site API but its source's). The hub goes first, so the
 * sites' mirrors find their origins. Idempotent.
 */
export async function provisionNationalAsAdmin(
  servers: { hub: ServerRef; sites: Readonly<Record<string, ServerRef>> },
  trust: TrustMaterial,
  topology: NationalTopology,
  timeoutMs = 15_000,
): Promise<{ hub: ProvisionReport; sites: Record<string, ProvisionReport> }> {
  const hub = await provisionOn(servers.hub, trust, topology.hub, timeoutMs);
  const sites: Record<string, ProvisionReport> = {};
  for (const site of topology.sites.filter((s) => s.leaf)) {
    const server = servers.sites[site.site];
    if (!server) throw new Error(`site ${site.site}: no server given to provision its domain`);
    sites[site.site] = await provisionOn(server, trust, site, timeoutMs);
  }
  return { hub, sites };
}
