import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Stops the launcher with one sentence an operator can act on. */
export class LauncherError extends Error {
  override name = 'LauncherError';
}

/**
 * Whether the launcher may install a missing Debian package itself: only as root with apt-get, and
 * not when SIMPUL_NO_INSTALL=1 (an operator who manages the machine's packages some other way).
 */
export function mayInstallPackages(): boolean {
  return process.getuid?.() === 0 && process.env.SIMPUL_NO_INSTALL !== '1' && existsSync('/usr/bin/apt-get');
}

let aptUpdated = false;

/** `apt-get install -y <packages>` from the distribution's repositories; throws a LauncherError on failure. */
export function aptInstall(packages: string[], why: string): void {
  console.error(`simpul: installing ${packages.join(' ')} from the distribution's packages (${why})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    runToStderr('apt-get', ['update', '-qq'], env);
    aptUpdated = true;
  }
  const status = runToStderr('apt-get', ['install', '-y', '-qq', ...packages], env);
  if (status !== 0) {
    throw new LauncherError(
      `could not install ${packages.join(' ')}: install it with apt-get and run again.`,
    );
  }
}

/**
 * Runs a command with everything it prints sent to our stderr, and returns its exit status. A
 * launcher's stdout is read by scripts (`eval "$(node ensure-test-infra.js)"` in scripts/test.sh):
 * apt's progress lines there broke `npm test` on a machine that lacked chromium (regression:
 * install.int-spec.ts).
 */
export function runToStderr(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): number | null {
  return spawnSync(command, args, { stdio: ['ignore', 2, 2], env }).status;
}

/** The first of `candidates` that exists, else the command found on PATH, else undefined. */
export function findBinary(name: string, candidates: string[] = []): string | undefined {
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found ? found : undefined;
}
