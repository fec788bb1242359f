/**
 * @simpul/trust: the registry of units (`deploy/agencies.yaml`) and everything generated from it:
 * nats-server authorization (one nkey user per unit, least privilege), TLS for a local run,
 * Ed25519 signing keys, API tokens, onboarding and revocation, and the permission matrix.
 */
export type { AgencyRegistry, SiteEntry, UnitEntry } from './registry/unit-entry.js';
export {
  activeUnits,
  inboxPrefixOf,
  natsUsers,
  publishableSubjects,
  servedUnits,
  siteDomain,
  sitesOf,
  unitFileName,
} from './registry/unit-entry.js';
export { siteOfCheckpoint } from './registry/sites.js';
export { loadRegistry, parseRegistry, validateRegistry, RegistryError } from './registry/agencies-file.js';
export {
  addUnitToRegistry,
  eventSubjectsOf,
  newUnitEntry,
  revokeUnitInRegistry,
  type OnboardableKind,
} from './registry/new-unit.js';
export { topologyForRegistry } from './nats/topology.js';
export { natsPermissionsFor, type NatsPermissions } from './nats/permissions.js';
export { renderAuthorization, renderServerConfig, type ServerConfigOptions } from './nats/server-config.js';
export { reloadNatsServer } from './nats/reload.js';
export { provisionAsAdmin } from './nats/provision-as-admin.js';
export { credsFileOf, ensureNkeyCredentials, publicKeyOfCreds } from './credentials/nkey-credentials.js';
export { ensureLocalTls, type LocalTls } from './tls/local-ca.js';
export { ensureApiTokens, type ApiTokenFiles } from './tokens/api-tokens.js';
export {
  applyRegistry,
  trustPaths,
  unitCredsFile,
  type TrustMaterial,
  type TrustPaths,
} from './onboarding/trust-material.js';
export { handoverFileOf, natsHandoverOf, type NatsHandover } from './onboarding/handover.js';
export { renderPermissionMatrix } from './docs/permission-matrix.js';
