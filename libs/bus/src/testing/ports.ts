import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Ports this process has already handed out. The OS may give a just-closed port again before its
 * first taker has bound it (a stack picks twenty ports before it starts anything), so two callers
 * could be told the same port; one of them would then answer on the other's behalf.
 */
const handedOut = new Set<number>();

/**
 * The same trap between processes: `npm test` runs its tiers in Jest processes side by side, and
 * other runs share the machine. A port handed out is reserved here, one file per port holding the
 * pid it went to, for as long as that process lives (a dead owner's port may be taken again).
 */
export const PORT_RESERVATIONS_DIR = join(tmpdir(), 'simpul-ports');

function portTheOsPicks(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** True when `port` is now this process's: no live process holds it in `dir`. */
function reserve(port: number, dir: string): boolean {
  const file = join(dir, String(port));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    // Without a usable directory, the in-process check alone (as before there was one).
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return true;
  }
  let owner: number;
  try {
    owner = Number(readFileSync(file, 'utf8'));
  } catch {
    return false; // gone again, or being taken: leave it
  }
  // An empty file is a reservation being written; the owner's own earlier port is in handedOut.
  if (!Number.isInteger(owner) || owner <= 0 || owner === process.pid || isAlive(owner)) return false;
  // Two processes taking the same dead owner's port in the same instant could both win: far rarer
  // than the OS repeating a port, which is what this guards against.
  writeFileSync(file, String(process.pid));
  return true;
}

/**
 * A free port from `pick` that neither this process nor another live one was given before
 * (reserved in `dir`). freePort is this with the OS's pick; tests pass their own.
 */
export async function takeFreePort(
  pick: () => Promise<number> = portTheOsPicks,
  dir: string = PORT_RESERVATIONS_DIR,
): Promise<number> {
  for (;;) {
    const port = await pick();
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (reserve(port, dir)) return port;
  }
}

/**
 * A TCP port free on 127.0.0.1 right now (the OS picks it), never one this process or another
 * live process on the machine was given before.
 */
export function freePort(): Promise<number> {
  return takeFreePort();
}
