import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LauncherError } from './install.js';
import { isAlive, startManaged, type ManagedProcess } from './managed-process.js';
import { REPO_ROOT, statePath } from './paths.js';

/** The apps a launcher starts (apps/<app>/dist/main.js): the three services and the console. */
export type ServiceApp = 'police' | 'ministry' | 'immigration' | 'console';

/**
 * One running instance of a service, started by the launcher with a fixed environment: `name` is
 * its process name (`ministry`, `immigration-batam`), used for its log and pid files.
 */
export interface ServiceInstance {
  name: string;
  app: ServiceApp;
  url: string;
  process: ManagedProcess;
  /**
   * Ends the process with `signal` (default SIGTERM; SIGKILL to simulate a crash), then starts it
   * again with the same environment (plus `env`, kept for later restarts: the fault suite's
   * negative control turns a setting off this way) and waits until its /health answers 200.
   */
  restart(options?: { signal?: NodeJS.Signals; env?: NodeJS.ProcessEnv }): Promise<void>;
  stop(graceMs?: number): Promise<void>;
}

/** Runs the app's migrations with `env` (its database URL among them); throws with their last line on failure. */
export function migrateService(app: ServiceApp, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'apps', app, 'dist', 'database', 'migrate.js')],
    {
      env,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    throw new LauncherError(
      `migrations of ${app} failed: ${(result.stderr || result.stdout).trim().split('\n').pop()}`,
    );
  }
}

/**
 * Migrates and starts one service instance listening on `port`, without waiting for it (start
 * several, then `waitForHealthy` them together: they boot in parallel).
 */
export function launchService(
  name: string,
  app: ServiceApp,
  port: number,
  env: NodeJS.ProcessEnv,
): ServiceInstance {
  // The console keeps no state: nothing to migrate.
  if (app !== 'console') migrateService(app, env);
  const logs = statePath('logs');
  let current = env;
  const start = () =>
    startManaged(name, process.execPath, [join(REPO_ROOT, 'apps', app, 'dist', 'main.js')], {
      logFile: join(logs, `${name}.log`),
      pidFile: statePath(`${name}.pid`),
      env: current,
      cwd: REPO_ROOT,
    });
  const instance: ServiceInstance = {
    name,
    app,
    url: `http://127.0.0.1:${port}`,
    process: start(),
    async restart({
      signal = 'SIGTERM',
      env: changes,
    }: { signal?: NodeJS.Signals; env?: NodeJS.ProcessEnv } = {}) {
      const old = instance.process;
      if (changes) current = { ...current, ...changes };
      if (signal !== 'SIGTERM' && isAlive(old.pid)) process.kill(old.pid, signal);
      await old.stop(8000); // SIGTERM if still alive, SIGKILL after the grace period; returns once gone
      instance.process = start();
      await waitForHealthy(instance);
    },
    stop: (graceMs = 8000) => instance.process.stop(graceMs),
  };
  return instance;
}

/** Waits until the instance's /health answers 200; names its log file when it does not. */
export async function waitForHealthy(instance: ServiceInstance, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // A dead instance is never healthy, even if something else answers on its port.
    if (!isAlive(instance.process.pid)) {
      throw new LauncherError(
        `${instance.name} exited while starting: see ${statePath('logs', `${instance.name}.log`)}`,
      );
    }
    try {
      const res = await fetch(`${instance.url}/health`);
      const body = (await res.json().catch(() => ({}))) as { service?: string };
      if (res.status === 200 && body.service === instance.app) return;
      if (body.service && body.service !== instance.app) {
        throw new LauncherError(
          `${instance.name}: port ${new URL(instance.url).port} is answered by ${body.service}, not ${instance.app}`,
        );
      }
    } catch (error) {
      if (error instanceof LauncherError) throw error;
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new LauncherError(
    `${instance.name} did not become healthy within ${timeoutMs / 1000} s: see ${statePath('logs', `${instance.name}.log`)}`,
  );
}
