import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type ConsumerDefinition, type StreamDefinition, type TopologyOptions } from '@simpul/bus';
import { ensureDevKeys, applyDevKeyRevocations } from '@simpul/bus/dev';
import { credsFileOf, ensureNkeyCredentials, removeCredentials } from '../credentials/nkey-credentials.js';
import { renderAuthorization } from '../nats/server-config.js';
import { topologyForRegistry } from '../nats/topology.js';
import { activeUnits, natsUsers, type AgencyRegistry } from '../registry/unit-entry.js';
import { ensureLocalTls, type LocalTls } from '../tls/local-ca.js';
import { ensureApiTokens, type ApiTokenFiles } from '../tokens/api-tokens.js';
import { writeIfChanged } from './files.js';
import { removeNatsHandover, writeNatsHandovers } from './handover.js';

/** Where the generated trust material of a run lives (a local run: `.simpul/`). */
export interface TrustPaths {
  stateDir: string;
  credsDir: string;
  keysDir: string;
  tlsDir: string;
  authorizationFile: string;
}

export function trustPaths(stateDir: string): TrustPaths {
  return {
    stateDir,
    credsDir: join(stateDir, 'creds'),
    keysDir: join(stateDir, 'keys'),
    tlsDir: join(stateDir, 'tls'),
    authorizationFile: join(stateDir, 'nats', 'authorization.conf'),
  };
}

export interface TrustMaterial {
  /** The registry this material was generated from. */
  registry: AgencyRegistry;
  paths: TrustPaths;
  tls: LocalTls;
  tokens: ApiTokenFiles;
  topology: { streams: StreamDefinition[]; consumers: ConsumerDefinition[] };
  /** Unit id → public nkey of every NATS user. */
  publicKeys: Map<string, string>;
}

/**
 * Brings the generated material in line with the registry: signing keys of active agency units
 * (revoked units' keys withdrawn), nkey credentials of every NATS user with its handover note
 * (inbox prefix, subjects, consumers; revoked units' files removed), API tokens of active agency units, the local CA and server certificate, and the
 * nats-server authorization file. Idempotent: existing keys, credentials and tokens are kept.
 */
export async function applyRegistry(
  registry: AgencyRegistry,
  stateDir: string,
  topologyOptions: TopologyOptions = {},
): Promise<TrustMaterial> {
  const paths = trustPaths(stateDir);
  mkdirSync(join(stateDir, 'nats'), { recursive: true });
  const agencyUnits = activeUnits(registry).filter((u) => u.source !== undefined);
  const revoked = registry.units.filter((u) => u.revoked);

  const signers = agencyUnits.filter((u) => u.publish.length > 0);
  await applyDevKeyRevocations(
    paths.keysDir,
    revoked.map((u) => ({ unit: u.id, source: u.source })),
    signers.map((u) => u.id),
  );
  for (const unit of revoked) {
    removeCredentials(paths.credsDir, unit.id);
    removeNatsHandover(paths.credsDir, unit.id);
  }
  await ensureDevKeys(
    paths.keysDir,
    signers.map((u) => ({ unit: u.id, source: u.source! })),
  );

  const publicKeys = ensureNkeyCredentials(
    paths.credsDir,
    natsUsers(registry).map((u) => u.id),
  );
  writeNatsHandovers(registry, paths.credsDir);
  const tokens = ensureApiTokens(
    stateDir,
    agencyUnits.map((u) => u.id),
  );
  const tls = await ensureLocalTls(paths.tlsDir);
  const topology = topologyForRegistry(registry, topologyOptions);
  writeIfChanged(paths.authorizationFile, renderAuthorization(registry, publicKeys, topology.consumers));
  return { registry, paths, tls, tokens, topology, publicKeys };
}

/** The credentials file of a unit in a run's state directory. */
export function unitCredsFile(stateDir: string, unitId: string): string {
  return credsFileOf(trustPaths(stateDir).credsDir, unitId);
}
