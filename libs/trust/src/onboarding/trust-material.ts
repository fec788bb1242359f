import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  simpulStreams,
  type ConsumerDefinition,
  type StreamDefinition,
  type TopologyOptions,
} from '@simpul/bus';
import { ensureDevKeys, applyDevKeyRevocations } from '@simpul/bus/dev';
import { credsFileOf, ensureNkeyCredentials, removeCredentials } from '../credentials/nkey-credentials.js';
import { ensurePassword } from '../credentials/passwords.js';
import { HUB_DOMAIN, leafUserOf, siteStreamName } from '../nats/domains.js';
import { leafLinkPermissions } from '../nats/leaf-permissions.js';
import { SITE_MIRRORS, nationalTopology } from '../nats/national-topology.js';
import { renderAccounts } from '../nats/server-config.js';
import { topologyForRegistry } from '../nats/topology.js';
import {
  activeUnits,
  inboxPrefixOf,
  natsUsers,
  sitesOf,
  type AgencyRegistry,
  type SiteEntry,
} from '../registry/unit-entry.js';

/** The system account's one user. */
const SYSTEM_USER = 'sys';
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
  /**
   * The accounts of every user (all units, the leaf links, the system user): what a single server
   * and each hub node include. The name is the single-server run's, kept so its launcher goes on.
   */
  authorizationFile: string;
  /** The system user's password (0600). */
  systemPasswordFile: string;
}

export function trustPaths(stateDir: string): TrustPaths {
  return {
    stateDir,
    credsDir: join(stateDir, 'creds'),
    keysDir: join(stateDir, 'keys'),
    tlsDir: join(stateDir, 'tls'),
    authorizationFile: join(stateDir, 'nats', 'authorization.conf'),
    systemPasswordFile: join(stateDir, 'creds', 'sys.password'),
  };
}

/** The password of a leaf site's link user (0600), beside the units' credentials. */
export function leafPasswordFile(stateDir: string, siteId: string): string {
  return join(trustPaths(stateDir).credsDir, `${leafUserOf(siteId)}.password`);
}

/** The accounts a leaf site's server includes: the users that connect at the site, and SYS. */
export function siteAccountsFile(stateDir: string, siteId: string): string {
  return join(stateDir, 'nats', `site-${siteId}.accounts.conf`);
}

/** A leaf site's link to the hub: the user it authenticates as, and where its password is. */
export interface LeafLink {
  site: string;
  user: string;
  password: string;
  passwordFile: string;
  /** The site server's accounts file. */
  accountsFile: string;
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
  /** The system account's user (`sys`). */
  systemUser: { user: string; password: string };
  /** One per leaf site of the registry. */
  leafLinks: LeafLink[];
}

/**
 * Brings the generated material in line with the registry: signing keys of active agency units
 * (revoked units' keys withdrawn), nkey credentials of every NATS user with its handover note
 * (inbox prefix, subjects, consumers; revoked units' files removed), API tokens of active agency
 * units, the local CA and server certificate, the passwords of the system user and of each leaf
 * site's link, and the nats-server accounts files (every user's; each leaf site's own). Idempotent: existing keys, credentials and tokens are kept.
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
  const systemUser = { user: SYSTEM_USER, password: ensurePassword(paths.systemPasswordFile) };
  const sysEntry = { ...systemUser, comment: 'the system account: server events, meta-leader stepdowns' };
  const leafSites = sitesOf(registry).filter((site) => site.leaf);
  const leafLinks = leafSites.map((site): LeafLink => {
    const passwordFile = leafPasswordFile(stateDir, site.id);
    return {
      site: site.id,
      user: leafUserOf(site.id),
      password: ensurePassword(passwordFile),
      passwordFile,
      accountsFile: siteAccountsFile(stateDir, site.id),
    };
  });
  const national = leafSites.length > 0 ? nationalTopology(registry, topologyOptions) : undefined;
  const inboxesAt = (site: SiteEntry) =>
    [...unitsAtSite(registry, site)]
      .filter((id) => !activeUnits(registry).find((u) => u.id === id)?.admin)
      .map(inboxPrefixOf);
  writeIfChanged(
    paths.authorizationFile,
    renderAccounts(registry, publicKeys, topology.consumers, {
      // One file for a single server and for the hub nodes: read-back grants for both layouts.
      ...(national ? { streamLayouts: [simpulStreams(topologyOptions), national.hub.streams] } : {}),
      leafUsers: leafLinks.map((link) => ({
        user: link.user,
        password: link.password,
        permissions: leafLinkPermissions(
          link.site,
          siteStreamName(link.site),
          SITE_MIRRORS,
          inboxesAt(leafSites.find((s) => s.id === link.site)!),
        ),
        connectionTypes: ['LEAFNODE'],
        comment: `leaf link of site ${link.site}`,
      })),
      systemUser: sysEntry,
    }),
  );
  for (const site of leafSites) {
    writeIfChanged(
      siteAccountsFile(stateDir, site.id),
      renderAccounts(registry, publicKeys, topology.consumers, {
        units: unitsAtSite(registry, site),
        systemUser: sysEntry,
        streamLayouts: [national!.sites.find((s) => s.site === site.id)!.streams],
        extraPublish: new Map([[`immigration:${site.id}`, siteStatusSubjects(site.id)]]),
      }),
    );
  }
  return { registry, paths, tls, tokens, topology, publicKeys, systemUser, leafLinks };
}

/**
 * What a site's deployment asks for `/v1/watchlist/status` (docs/contract.md §11): the info of its
 * watchlist mirror and of its own stream at the site, and of the hub's aggregate through the link
 * (counts, positions and the source's lag; never a message).
 */
export function siteStatusSubjects(siteId: string): string[] {
  return [
    '$JS.API.STREAM.INFO.MINISTRY',
    `$JS.API.STREAM.INFO.${siteStreamName(siteId)}`,
    `$JS.${HUB_DOMAIN}.API.STREAM.INFO.IMMIGRATION`,
  ];
}

/** The units whose users connect at a leaf site: its deployment, its checkpoints, the admin. */
export function unitsAtSite(registry: AgencyRegistry, site: SiteEntry): Set<string> {
  return new Set(
    activeUnits(registry)
      .filter(
        (unit) =>
          unit.admin ||
          unit.id === `immigration:${site.id}` ||
          site.checkpoints.some((code) => unit.id === `checkpoint:${code}`),
      )
      .map((unit) => unit.id),
  );
}

/** The credentials file of a unit in a run's state directory. */
export function unitCredsFile(stateDir: string, unitId: string): string {
  return credsFileOf(trustPaths(stateDir).credsDir, unitId);
}
