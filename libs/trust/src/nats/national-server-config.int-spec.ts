// Every config the renderers write passes `nats-server -t` (2.9.10 refuses `2s` reconnects, bare
// ping intervals, unknown source fields): the hub nodes, every leaf site of the registry, the
// single server, with the accounts applyRegistry generates, also when the paths need escaping.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { applyRegistry, siteAccountsFile, type TrustMaterial } from '../onboarding/trust-material.js';
import { loadRegistry } from '../registry/agencies-file.js';
import { renderHubNodeConfig, renderLeafConfig } from './national-server-config.js';
import { renderServerConfig } from './server-config.js';

jest.setTimeout(30_000);

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const natsBinary = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';
const registry = loadRegistry(join(ROOT, 'deploy', 'agencies.yaml'));
let dir: string;
let trust: TrustMaterial;

beforeAll(async () => {
  // A quote, a backslash and a space in every path: each value must be escaped to parse.
  dir = join(mkdtempSync(join(tmpdir(), 'simpul-national-config-')), 'a "quoted" \\ dir');
  mkdirSync(dir, { recursive: true });
  trust = await applyRegistry(registry, join(dir, 'state'));
});
afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

function check(name: string, config: string): string {
  const file = join(dir, `${name}.conf`);
  writeFileSync(file, config);
  const result = spawnSync(natsBinary, ['-t', '-c', file], { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
}

const tls = () => ({ certFile: trust.tls.certFile, keyFile: trust.tls.keyFile, caFile: trust.tls.caFile });

describe('configs rendered for nats-server 2.9.10', () => {
  it.each(['hub-1', 'hub-2', 'hub-3'])('%s is valid', (node) => {
    const config = renderHubNodeConfig({
      node,
      host: '127.0.0.1',
      clientPort: 14222,
      monitorPort: 18222,
      routePort: 16222,
      leafPort: 17422,
      routes: [
        'nats-route://127.0.0.1:16222',
        'nats-route://127.0.0.1:16223',
        'nats-route://127.0.0.1:16224',
      ],
      leafAdvertise: '127.0.0.1:17500',
      storeDir: join(dir, node),
      tls: tls(),
      accountsFile: relative(dir, trust.paths.authorizationFile),
    });
    expect(check(node, config)).toContain('is valid');
    expect(config).not.toContain('no_auth_user');
  });

  it.each(registry.sites!.filter((s) => s.leaf).map((s) => [s.id, s.checkpoints] as const))(
    'the leaf of site %s is valid',
    (site, checkpoints) => {
      const link = trust.leafLinks.find((l) => l.site === site)!;
      const config = renderLeafConfig({
        site,
        checkpoints,
        host: '127.0.0.1',
        clientPort: 15222,
        monitorPort: 15822,
        hubLeafUrls: ['tls://127.0.0.1:17500', 'tls://localhost:17501'],
        storeDir: join(dir, `site-${site}`),
        tls: tls(),
        accountsFile: relative(dir, siteAccountsFile(trust.paths.stateDir, site)),
        leafUser: link.user,
        leafPassword: link.password,
        caFile: trust.tls.caFile,
      });
      expect(check(`site-${site}`, config)).toContain('is valid');
      expect(config).toContain(`"tls://leaf-${site}:${link.password}@127.0.0.1:17500"`);
      expect(config).toMatch(/reconnect: 2\n/);
      expect(config).toContain('ping_interval: "60s"');
      expect(config).not.toContain('no_auth_user');
    },
  );

  it('the single server with the accounts is valid', () => {
    const config = renderServerConfig({
      serverName: 'simpul-local',
      host: '127.0.0.1',
      port: 14333,
      storeDir: join(dir, 'single'),
      tls: { certFile: trust.tls.certFile, keyFile: trust.tls.keyFile },
      authorizationFile: relative(dir, trust.paths.authorizationFile),
    });
    expect(check('single', config)).toContain('is valid');
    const accounts = readFileSync(trust.paths.authorizationFile, 'utf8');
    expect(accounts).toContain('system_account: SYS');
    expect(accounts).not.toContain('no_auth_user');
  });

  it('keeps the leaf and system passwords beside the credentials, readable by the owner only', () => {
    const files = [trust.paths.systemPasswordFile, ...trust.leafLinks.map((l) => l.passwordFile)];
    expect(files.map((f) => relative(trust.paths.stateDir, f)).sort()).toEqual([
      'creds/leaf-batam.password',
      'creds/leaf-dumai.password',
      'creds/sys.password',
    ]);
    for (const file of files) expect([file, statSync(file).mode & 0o777]).toEqual([file, 0o600]);
  });
});
