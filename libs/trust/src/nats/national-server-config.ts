import { siteDomain } from '../registry/unit-entry.js';
import { natsString } from './config-syntax.js';
import { APP_ACCOUNT, HUB_CLUSTER, HUB_DOMAIN } from './domains.js';
import { HEADER } from './server-config.js';

/** A server's certificate and key (the local CA's in a local run; the agencies' PKI in production). */
export interface ServerTls {
  certFile: string;
  keyFile: string;
  /** CA that signed the peers' certificates: routes verify each other with it. */
  caFile: string;
}

export interface HubNodeConfigOptions {
  /** `hub-1`..`hub-3`: the server_name, which is also the node's name in the cluster. */
  node: string;
  host: string;
  clientPort: number;
  monitorPort: number;
  routePort: number;
  leafPort: number;
  /** Every hub node's route URL (`nats-route://host:port`), this node's included. */
  routes: string[];
  /**
   * `host:port` the hub tells leaf nodes to reach it at. nats-server always hands a leaf the hub's
   * leaf address and the leaf adds it to its remotes: in a local run it must be the cuttable
   * link's, or the leaf goes around a cut; in production the load balancer's.
   */
  leafAdvertise: string;
  storeDir: string;
  tls: ServerTls;
  /** The accounts file (every user's), relative to the config file's directory. */
  accountsFile: string;
}

/** A TLS block; with `caFile`, peers are verified against it (routes). */
const tlsBlock = (tls: { certFile: string; keyFile: string }, caFile?: string) =>
  `tls { cert_file: ${natsString(tls.certFile)}, key_file: ${natsString(tls.keyFile)}${
    caFile !== undefined ? `, ca_file: ${natsString(caFile)}` : ''
  }, timeout: 5 }`;
const urls = (list: readonly string[]) => `[${list.map(natsString).join(', ')}]`;
const hostPort = (host: string, port: number) => natsString(`${host}:${port}`);

/**
 * The config of one hub node: JetStream in domain `hub`, a member of the `hub` cluster (routes over
 * TLS, which nats-server verifies both ways), accepting leaf nodes over TLS (each authenticates as
 * its site's leaf user of the accounts file, whose permissions bound what the site reaches), TLS
 * for clients, monitoring on `monitorPort` (`/jsz`, `/healthz`). Every value is escaped.
 */
export function renderHubNodeConfig(o: HubNodeConfigOptions): string {
  return [
    HEADER.trimEnd(),
    `server_name: ${natsString(o.node)}`,
    `listen: ${hostPort(o.host, o.clientPort)}`,
    `http: ${hostPort(o.host, o.monitorPort)}`,
    tlsBlock(o.tls),
    `jetstream { store_dir: ${natsString(o.storeDir)}, domain: ${natsString(HUB_DOMAIN)} }`,
    'cluster {',
    `  name: ${natsString(HUB_CLUSTER)}`,
    `  listen: ${hostPort(o.host, o.routePort)}`,
    `  routes: ${urls(o.routes)}`,
    `  ${tlsBlock(o.tls, o.tls.caFile)}`,
    '}',
    'leafnodes {',
    `  listen: ${hostPort(o.host, o.leafPort)}`,
    `  advertise: ${natsString(o.leafAdvertise)}`,
    `  ${tlsBlock(o.tls)}`,
    '}',
    `include ${natsString(o.accountsFile)}`,
    '',
  ].join('\n');
}

export interface LeafConfigOptions {
  /** The site id: server_name and JetStream domain `site-<site>`. */
  site: string;
  /** The site's checkpoint codes: their subjects never cross the link (they are stored at the site). */
  checkpoints: readonly string[];
  host: string;
  clientPort: number;
  monitorPort: number;
  /** URLs the leaf dials (`tls://host:port`: in a local run the link proxy's); the credentials are added. */
  hubLeafUrls: string[];
  storeDir: string;
  /** The site server's certificate and key, for its clients. */
  tls: { certFile: string; keyFile: string };
  /** The site's accounts file (the users that connect at the site, and SYS), relative to the config's directory. */
  accountsFile: string;
  leafUser: string;
  leafPassword: string;
  /** CA the leaf trusts for the hub's certificate. */
  caFile: string;
  /** Seconds between reconnection attempts (default 2; nats-server 2.9.10 takes whole seconds). */
  reconnectSeconds?: number;
  /** Ping interval as a duration string (default "60s": slow links, a catch-up can delay PONGs). */
  pingInterval?: string;
  /** PINGs without answer before the link is dropped (default 5). */
  pingMax?: number;
}

/** Server name and JetStream domain of a leaf site's server. */
export function leafServerName(site: string): string {
  return siteDomain(site);
}

/**
 * The config of a leaf site's server: JetStream in its own domain `site-<site>`, TLS for its
 * clients, the site's accounts, and one remote to the hub bound to the application account. The
 * remote's denies keep every subject stored in exactly one place while the link is up: the site's
 * checkpoint subjects and dead letters neither leave the site (no hub stream takes them in by
 * interest) nor come in from the hub (the site's streams capture nothing published there).
 */
export function renderLeafConfig(o: LeafConfigOptions): string {
  const remoteUrls = o.hubLeafUrls.map((url) => withCredentials(url, o.leafUser, o.leafPassword));
  const local = [...o.checkpoints.map((code) => `immigration.${code}.>`), 'deadletter.>'];
  return [
    HEADER.trimEnd(),
    `server_name: ${natsString(leafServerName(o.site))}`,
    `listen: ${hostPort(o.host, o.clientPort)}`,
    `http: ${hostPort(o.host, o.monitorPort)}`,
    tlsBlock(o.tls),
    `jetstream { store_dir: ${natsString(o.storeDir)}, domain: ${natsString(siteDomain(o.site))} }`,
    `ping_interval: ${natsString(o.pingInterval ?? '60s')}`,
    `ping_max: ${Math.trunc(o.pingMax ?? 5)}`,
    'leafnodes {',
    `  reconnect: ${Math.trunc(o.reconnectSeconds ?? 2)}`,
    '  remotes: [',
    '    {',
    `      urls: ${urls(remoteUrls)}`,
    `      account: ${natsString(APP_ACCOUNT)}`,
    `      tls { ca_file: ${natsString(o.caFile)}, timeout: 5 }`,
    `      deny_exports: ${urls(local)}`,
    `      deny_imports: ${urls(local)}`,
    '    }',
    '  ]',
    '}',
    `include ${natsString(o.accountsFile)}`,
    '',
  ].join('\n');
}

/** `tls://host:port` with the leaf user's credentials as user-info (2.9.10 remotes take no separate fields). */
function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString().replace(/\/$/, '');
}
