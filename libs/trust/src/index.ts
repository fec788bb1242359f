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
export {
  renderAccounts,
  renderServerConfig,
  type AccountsOptions,
  type PasswordUser,
  type ServerConfigOptions,
} from './nats/server-config.js';
export { processRuns, reloadNatsServer } from './nats/reload.js';
export {
  adminConnectionOptions,
  provisionAsAdmin,
  provisionNationalAsAdmin,
  type ServerRef,
} from './nats/provision-as-admin.js';
export {
  APP_ACCOUNT,
  HUB_CLUSTER,
  HUB_DOMAIN,
  SYSTEM_ACCOUNT,
  leafUserOf,
  siteStreamName,
} from './nats/domains.js';
export { leafLinkPermissions } from './nats/leaf-permissions.js';
export {
  HUB_IMMIGRATION_STREAM,
  SITE_MIRRORS,
  nationalTopology,
  type DomainTopology,
  type NationalSite,
  type NationalTopology,
  type NationalTopologyOptions,
} from './nats/national-topology.js';
export {
  leafServerName,
  renderHubNodeConfig,
  renderLeafConfig,
  type HubNodeConfigOptions,
  type LeafConfigOptions,
  type ServerTls,
} from './nats/national-server-config.js';
export { credsFileOf, ensureNkeyCredentials, publicKeyOfCreds } from './credentials/nkey-credentials.js';
export { ensureLocalTls, type LocalTls } from './tls/local-ca.js';
export { ensureApiTokens, type ApiTokenFiles } from './tokens/api-tokens.js';
export {
  applyRegistry,
  leafPasswordFile,
  siteAccountsFile,
  trustPaths,
  unitCredsFile,
  unitsAtSite,
  type LeafLink,
  type TrustMaterial,
  type TrustPaths,
} from './onboarding/trust-material.js';
export { handoverFileOf, natsHandoverOf, type NatsHandover } from './onboarding/handover.js';
export { renderPermissionMatrix } from './docs/permission-matrix.js';
