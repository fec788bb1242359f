import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Absolute path of register-ts.mjs, from the sources or from dist/ (the .mjs stays in src/testing). */
export function tsRegisterPath(): string {
  const candidates = [
    join(process.cwd(), 'libs/bus/src/testing/register-ts.mjs'),
    resolve(dirname(new URL(import.meta.url).pathname), 'register-ts.mjs'),
    resolve(dirname(new URL(import.meta.url).pathname), '../../src/testing/register-ts.mjs'),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error('register-ts.mjs not found (run from the repository root)');
  return found;
}

/**
 * Runs a TypeScript file of this repository in a child Node process (sources compiled on the fly,
 * no build needed): how integration tests get a process they can SIGKILL.
 */
export function spawnTs(
  script: string,
  args: string[] = [],
  options: { env?: Record<string, string | undefined>; onOutput?: (line: string) => void } = {},
): ChildProcess {
  const child = spawn(process.execPath, ['--import', tsRegisterPath(), script, ...args], {
    env: { ...process.env, NODE_OPTIONS: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (chunk: Buffer): void => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) options.onOutput?.(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  return child;
}
