import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { aptInstall, findBinary, LauncherError, mayInstallPackages } from './install.js';
import { adopt, runningPid, startManaged, type ManagedProcess } from './managed-process.js';
import { statePath } from './paths.js';
import { freePort, isListening, waitForPort } from './ports.js';

export interface NatsChoice {
  url: string;
  /** CA certificate clients must trust, or null when the server speaks plain TCP. */
  ca: string | null;
  /** Set when the launcher runs this server (now or from an earlier run): stop it on exit. */
  process?: ManagedProcess;
}

/** NATS's usual port; SIMPUL_NATS_PORT moves it (e.g. to a free port, to try a machine without NATS). */
const DEFAULT_PORT = Number(process.env.SIMPUL_NATS_PORT || 4222);

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
 * NATS for a local run (DESIGN.md §8): `NATS_URL` when set; else the server an earlier run of the
 * launcher left under .simpul/nats; else a new one there, on 4222, or on a free port when 4222
 * belongs to a server the launcher did not start. Writes `.simpul/nats.json` for every local client.
 */
export async function ensureNats(log: (line: string) => void): Promise<NatsChoice> {
  if (process.env.NATS_URL) return writeChoice({ url: process.env.NATS_URL, ca: null });

  const dir = statePath('nats');
  mkdirSync(dir, { recursive: true });
  const pidFile = `${dir}/nats-server.pid`;
  const portFile = `${dir}/port`;
  const running = runningPid(pidFile);
  if (running) {
    const port = Number(readText(portFile));
    if (port && (await isListening(port))) {
      log(`reusing the NATS server started earlier (pid ${running}) on port ${port}`);
      return writeChoice({
        url: `nats://127.0.0.1:${port}`,
        ca: null,
        process: adopt('nats-server', running, { pidFile }),
      });
    }
  }

  const binary = natsServerBinary();
  let port = DEFAULT_PORT;
  if (await isListening(DEFAULT_PORT)) {
    port = await freePort();
    log(
      `port ${DEFAULT_PORT} is taken by a NATS server this launcher did not start: starting its own on port ${port}`,
    );
  }
  const child = startManaged(
    'nats-server',
    binary,
    ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', `${dir}/store`, '-n', 'simpul-local'],
    { logFile: `${dir}/nats-server.log`, pidFile },
  );
  writeFileSync(portFile, `${port}\n`);
  await waitForPort(port);
  log(`started nats-server with JetStream on port ${port} (store in ${dir}/store)`);
  return writeChoice({ url: `nats://127.0.0.1:${port}`, ca: null, process: child });
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
