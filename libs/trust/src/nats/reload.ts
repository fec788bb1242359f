import { readFileSync } from 'node:fs';

/**
 * Asks a running nats-server to re-read its config (SIGHUP): new users can connect, withdrawn
 * users are disconnected and refused, connected clients stay connected. Returns false when no
 * server runs under that pid file.
 */
export function reloadNatsServer(pidFile: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 'SIGHUP');
    return true;
  } catch {
    return false;
  }
}
