import { existsSync, readFileSync } from 'node:fs';

/**
 * Whether process `pid` runs the program `name` (its command line names it). A pid file outlives
 * its process, and the kernel hands the pid to another process soon after (pid_max is 32,768 here):
 * a signal meant for a dead nats-server then lands on whatever took the pid. Where /proc cannot be
 * read (not Linux), the process is assumed to be the one recorded.
 */
export function processRuns(pid: number, name: string): boolean {
  if (!existsSync('/proc/self/cmdline')) return true;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return args.some((arg) => arg === name || arg.endsWith(`/${name}`));
  } catch {
    return false;
  }
}

/**
 * Asks a running nats-server to re-read its config (SIGHUP): new users can connect, withdrawn
 * users are disconnected and refused, connected clients stay connected. Returns false when no
 * nats-server runs under that pid file (none at all, or the pid now belongs to another program).
 */
export function reloadNatsServer(pidFile: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  // regression: a stale pid file's pid, reused by a test's browser, got this SIGHUP and Playwright
  // closed the browser (console e2e, 2026-12-04)
  if (!processRuns(pid, 'nats-server')) return false;
  try {
    process.kill(pid, 'SIGHUP');
    return true;
  } catch {
    return false;
  }
}
