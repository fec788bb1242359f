import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  nationalTopology,
  provisionNationalAsAdmin,
  renderHubNodeConfig,
  renderLeafConfig,
  type TrustMaterial,
} from '@simpul/trust';

/** The ports of one hub node: clients, monitoring, routes, leaf nodes. */
export interface HubNodePorts {
  name: string;
  client: number;
  monitor: number;
  route: number;
  leaf: number;
}

/** The ports of a leaf site's server, and the ports of its link (one per hub node) it dials. */
export interface LeafPorts {
  site: string;
  client: number;
  monitor: number;
  linkPorts: number[];
}

/**
 * Where every hub node tells leaf nodes to reach it. nats-server always hands a leaf the hub's
 * leaf-node address and the leaf adds it to its remotes; locally each site has its own link, so no
 * one address can be every site's: the hub advertises one that refuses connections (nothing
 * unprivileged can listen on port 1), and a leaf's only way to the hub is its link. In
 * production this is the load balancer's address.
 */
export const LOCAL_LEAF_ADVERTISE = '127.0.0.1:1';

/**
 * Writes the config of every hub node and leaf site under `dir` (stores under `dir/store/<name>`),
 * from the registry's trust material: TLS from the local CA, the accounts generated from the
 * registry, each leaf dialling its link's ports as its site's leaf user. Returns the file of each.
 */
export function nationalNatsMaterial(
  trust: TrustMaterial,
  dir: string,
  hubPorts: readonly HubNodePorts[],
  leafPorts: readonly LeafPorts[],
): { hub: Record<string, string>; leaves: Record<string, string> } {
  const tls = { certFile: trust.tls.certFile, keyFile: trust.tls.keyFile, caFile: trust.tls.caFile };
  const routes = hubPorts.map((p) => `nats-route://127.0.0.1:${p.route}`);
  const hub: Record<string, string> = {};
  for (const ports of hubPorts) {
    const file = join(dir, `${ports.name}.conf`);
    writeFileSync(
      file,
      renderHubNodeConfig({
        node: ports.name,
        host: '127.0.0.1',
        clientPort: ports.client,
        monitorPort: ports.monitor,
        routePort: ports.route,
        leafPort: ports.leaf,
        routes,
        leafAdvertise: LOCAL_LEAF_ADVERTISE,
        storeDir: join(dir, 'store', ports.name),
        tls,
        // nats-server resolves includes relative to the including file.
        accountsFile: relative(dir, trust.paths.authorizationFile),
      }),
    );
    hub[ports.name] = file;
  }
  const sites = trust.registry.sites ?? [];
  const leaves: Record<string, string> = {};
  for (const ports of leafPorts) {
    const site = sites.find((s) => s.id === ports.site)!;
    const link = trust.leafLinks.find((l) => l.site === ports.site);
    if (!link) throw new Error(`site ${ports.site}: no leaf link in the trust material`);
    const file = join(dir, `site-${ports.site}.conf`);
    writeFileSync(
      file,
      renderLeafConfig({
        site: ports.site,
        checkpoints: site.checkpoints,
        host: '127.0.0.1',
        clientPort: ports.client,
        monitorPort: ports.monitor,
        hubLeafUrls: ports.linkPorts.map((port) => `tls://127.0.0.1:${port}`),
        storeDir: join(dir, 'store', `site-${ports.site}`),
        tls,
        accountsFile: relative(dir, link.accountsFile),
        leafUser: link.user,
        leafPassword: link.password,
        caFile: trust.tls.caFile,
      }),
    );
    leaves[ports.site] = file;
  }
  return { hub, leaves };
}

/** Provisions the hub's and every leaf site's streams and consumers as the registry's admin. */
export async function provisionNational(
  trust: TrustMaterial,
  hubUrls: string[],
  leafUrls: Record<string, string>,
): Promise<void> {
  const ca = trust.tls.caFile;
  await provisionNationalAsAdmin(
    {
      hub: { url: hubUrls, ca },
      sites: Object.fromEntries(Object.entries(leafUrls).map(([site, url]) => [site, { url, ca }])),
    },
    trust,
    nationalTopology(trust.registry),
  );
}
