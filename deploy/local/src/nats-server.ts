import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  applyRegistry,
  inboxPrefixOf,
  loadRegistry,
  provisionAsAdmin,
  reloadNatsServer,
  renderServerConfig,
  unitCredsFile,
  type TrustMaterial,
} from '@simpul/trust';
import { freePort } from '@simpul/bus/testing';
import { aptInstall, findBinary, LauncherError, mayInstallPackages } from './install.js';
import { adopt, runningPid, startManaged, type ManagedProcess } from './managed-process.js';
import { REPO_ROOT, stateDir, statePath } from './paths.js';
import { isListening, waitForPort } from './ports.js';

/** The registry of units the launcher generates credentials from (`SIMPUL_AGENCIES_FILE` moves it). */
export function agenciesFile(): string {
  return process.env.SIMPUL_AGENCIES_FILE || join(REPO_ROOT, 'deploy', 'agencies.yaml');
}

export interface NatsChoice {
  url: string;
  /** CA certificate clients must trust, or null when the server speaks plain TCP. */
  ca: string | null;
  /**
   * When the launcher runs the server with the generated authorization: the credentials file of a
   * unit (`.simpul/creds/<unit>.creds`). Undefined with `NATS_URL` (an unsecured server given).
   */
  credsFor?: (unitId: string) => { credsFile: string; inboxPrefix: string };
  /** Set when the launcher runs this server (now or from an earlier run): stop it on exit. */
  process?: ManagedProcess;
}

/** NATS's usual port; SIMPUL_NATS_PORT moves it (e.g. to a free port, to try a machine without NATS). */
const DEFAULT_PORT = (): number => Number(process.env.SIMPUL_NATS_PORT || 4222);

/** The nats-server binary: on PATH, in Debian's place, or installed from Debian's packages. */
export function natsServerBinary(): string {
  const found = findBinary('nats-server', ['/usr/sbin/nats-server', '/usr/bin/nats-server']);
  if (found) return found;
  if (!mayInstallPackages()) {
    throw new LauncherError(
      'nats-server is missing: install it (Debian/Ubuntu: sudo apt-get install nats-server) or set NATS_URL, and run again.',
    );
  }
  aptInstall(['nats-server'], 'no nats-server on this machine');
  const installed = findBinary('nats-server', ['/usr/sbin/nats-server', '/usr/bin/nats-server']);
  if (!installed)
    throw new LauncherError('nats-server could not be installed: install it with apt-get and run again.');
  return installed;
}

/**
 * NATS for a local run (docs/contract.md §8, §10): `NATS_URL` when set (used as given, unsecured); else
 * the launcher's own nats-server under .simpul/nats, with TLS from a local CA and the
 * authorization generated from deploy/agencies.yaml (one nkey user per unit): the one an earlier
 * run left (reloaded with the current registry), or a new one on 4222, or on a free port when 4222
 * belongs to a server the launcher did not start. Streams and every consumer the registry names
 * are provisioned by the admin identity, since no service may create them. Writes
 * `.simpul/nats.json` and `.simpul/creds/<unit>.creds` for every local client.
 */
export async function ensureNats(log: (line: string) => void, trust: TrustMaterial): Promise<NatsChoice> {
  if (process.env.NATS_URL) return writeChoice({ url: process.env.NATS_URL, ca: null });

  const dir = statePath('nats');
  mkdirSync(dir, { recursive: true });
  const pidFile = join(dir, 'nats-server.pid');
  const portFile = join(dir, 'port');
  const configFile = join(dir, 'nats-server.conf');
  const credsFor = (unitId: string) => ({
    credsFile: unitCredsFile(stateDir(), unitId),
    inboxPrefix: inboxPrefixOf(unitId),
  });
  const secured = (port: number, process?: ManagedProcess): NatsChoice => ({
    url: `tls://127.0.0.1:${port}`,
    ca: trust.tls.caFile,
    credsFor,
    process,
  });

  let choice: NatsChoice | undefined;
  const running = runningPid(pidFile, 'nats-server');
  if (running) {
    const port = Number(readText(portFile));
    if (port && readText(configFile).includes('authorization.conf') && (await isListening(port))) {
      writeFileSync(configFile, serverConfig(dir, port, trust));
      reloadNatsServer(pidFile);
      log(`reusing the NATS server started earlier (pid ${running}) on port ${port}; authorization reloaded`);
      choice = secured(port, adopt('nats-server', running, { pidFile }));
    } else {
      // A server from before the trust boundaries (no generated authorization): replace it.
      await adopt('nats-server', running, { pidFile }).stop(3000);
    }
  }
  if (!choice) {
    const binary = natsServerBinary();
    let port = DEFAULT_PORT();
    if (await isListening(port)) {
      const taken = port;
      port = await freePort();
      log(
        `port ${taken} is taken by a NATS server this launcher did not start: starting its own on port ${port}`,
      );
    }
    writeFileSync(configFile, serverConfig(dir, port, trust));
    const child = startManaged('nats-server', binary, ['-c', configFile], {
      logFile: join(dir, 'nats-server.log'),
      pidFile,
    });
    writeFileSync(portFile, `${port}\n`);
    await waitForPort(port);
    log(`started nats-server with JetStream, TLS and the registry's authorization on port ${port}`);
    choice = secured(port, child);
  }
  await provisionAsAdmin(choice, trust);
  return writeChoice(choice);
}

function serverConfig(dir: string, port: number, trust: TrustMaterial): string {
  return renderServerConfig({
    serverName: 'simpul-local',
    host: '127.0.0.1',
    port,
    storeDir: join(dir, 'store'),
    tls: { certFile: trust.tls.certFile, keyFile: trust.tls.keyFile },
    // nats-server resolves includes relative to the including file, even absolute-looking ones.
    authorizationFile: relative(dir, trust.paths.authorizationFile),
  });
}

/** Loads the registry and brings keys, credentials, tokens, TLS and the authorization in line with it. */
export async function ensureTrustMaterial(): Promise<TrustMaterial> {
  return applyRegistry(loadRegistry(agenciesFile()), stateDir());
}

function writeChoice(choice: NatsChoice): NatsChoice {
  writeFileSync(statePath('nats.json'), `${JSON.stringify({ url: choice.url, ca: choice.ca })}\n`);
  return choice;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}
