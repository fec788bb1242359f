import { spawn } from 'node:child_process';
import { openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { processRuns } from '@simpul/trust';

/** A child process the launcher started, recorded in a pid file so a later run can find it. */
export interface ManagedProcess {
  name: string;
  pid: number;
  /** Sends `signal` (SIGTERM unless the process needs another), SIGKILL after `graceMs`; resolves once gone. */
  stop(graceMs?: number): Promise<void>;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The pid recorded in `pidFile` if that process still runs, and runs `program` when one is named
 * (a stale pid file's pid may belong to another process by now: never adopt, signal or stop it).
 */
export function runningPid(pidFile: string, program?: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0].trim()); // postmaster.pid has more lines
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
    return program === undefined || processRuns(pid, program) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Starts `command` with output appended to `logFile` and its pid written to `pidFile`. */
export function startManaged(
  name: string,
  command: string,
  args: string[],
  options: {
    logFile: string;
    pidFile: string;
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    stopSignal?: NodeJS.Signals;
  },
): ManagedProcess {
  const log = openSync(options.logFile, 'a');
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', log, log],
  });
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  writeFileSync(options.pidFile, `${child.pid}\n`);
  return adopt(name, child.pid, { pidFile: options.pidFile, stopSignal: options.stopSignal });
}

/** Wraps an already running process (found through its pid file) so it can be stopped. */
export function adopt(
  name: string,
  pid: number,
  options: { pidFile?: string; stopSignal?: NodeJS.Signals } = {},
): ManagedProcess {
  return {
    name,
    pid,
    async stop(graceMs = 5000) {
      if (isAlive(pid)) process.kill(pid, options.stopSignal ?? 'SIGTERM');
      const deadline = Date.now() + graceMs;
      while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
      if (options.pidFile) rmSync(options.pidFile, { force: true });
    },
  };
}
