import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (deploy/local/dist/… or deploy/local/src/… are three levels below it). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Local state of a dev or demo run (docs/contract.md §10), git-ignored: NATS store, PostgreSQL data when
 * the launcher started one, logs, tokens, keys. `SIMPUL_STATE_DIR` moves it (tests use their own).
 */
export function stateDir(): string {
  const dir = process.env.SIMPUL_STATE_DIR ?? join(REPO_ROOT, '.simpul');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function statePath(...parts: string[]): string {
  return join(stateDir(), ...parts);
}
