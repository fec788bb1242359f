import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevKeys, type DevUnit } from '../signing/dev-keys.js';
import type { KeyRing } from '../signing/key-ring.js';
import type { FileKeyRegistry } from '../signing/registry.js';

export interface TestKeys {
  /** The key directory (registry.json + private/). */
  dir: string;
  registryFile: string;
  registry: FileKeyRegistry;
  keyRing: KeyRing;
}

/** Fresh Ed25519 keys for the given units in a temp directory (never in the repository). */
export async function createTestKeys(
  units: DevUnit[],
  dir = mkdtempSync(join(tmpdir(), 'simpul-keys-')),
): Promise<TestKeys> {
  const { registry, keyRing } = await ensureDevKeys(dir, units);
  return { dir, registryFile: join(dir, 'registry.json'), registry, keyRing };
}
