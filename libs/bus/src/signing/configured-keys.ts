import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BusError, BusErrorCode } from '../errors.js';
import type { DevUnit } from './dev-keys.js';
import { KeyRing } from './key-ring.js';
import { FileKeyRegistry, type FileKeyRegistryOptions, type KeyRegistryFile } from './registry.js';

/** Environment flag of a development run (set by the launcher and the test harnesses). */
export const DEV_KEYS_FLAG = 'SIMPUL_DEV_KEYS';

/**
 * True only in a development run: `SIMPUL_DEV_KEYS=1`. A production start never generates keys,
 * so a forgotten key directory fails the start instead of minting keys nobody registered.
 */
export function devKeysAllowed(env: Record<string, string | undefined> = process.env): boolean {
  return env[DEV_KEYS_FLAG] === '1';
}

/**
 * Loads the keys a service was configured with (`<dir>/registry.json` and `<dir>/private/*.pem`)
 * without generating anything, and checks that every unit it publishes for has a private key
 * (revoked units excepted: they publish nothing). Throws BUS.CONFIG_INVALID with one sentence
 * naming the directory and unit ids otherwise.
 */
export function loadConfiguredKeys(
  dir: string,
  units: DevUnit[],
  /** How the returned registry follows its file (FileKeyRegistry.load). */
  registryOptions: FileKeyRegistryOptions = {},
): { registry: FileKeyRegistry; keyRing: KeyRing } {
  const registryFile = join(dir, 'registry.json');
  if (!existsSync(registryFile)) {
    throw new BusError(
      BusErrorCode.CONFIG_INVALID,
      `no signing keys are configured: ${registryFile} does not exist (set SIMPUL_KEYS_DIR to the agency's key directory; only a development run with ${DEV_KEYS_FLAG}=1 generates keys)`,
    );
  }
  const registry = FileKeyRegistry.load(registryFile, registryOptions);
  const keyRing = KeyRing.fromDirectory(dir);
  const revoked = new Set(
    (JSON.parse(readFileSync(registryFile, 'utf8')) as KeyRegistryFile).revokedUnits ?? [],
  );
  const missing = units.filter((u) => !revoked.has(u.unit) && !keyRing.keyFor(u.source)).map((u) => u.unit);
  if (missing.length > 0) {
    throw new BusError(
      BusErrorCode.CONFIG_INVALID,
      `no private signing key in ${dir} for ${missing.join(', ')} (set SIMPUL_KEYS_DIR to the agency's key directory; only a development run with ${DEV_KEYS_FLAG}=1 generates keys)`,
    );
  }
  return { registry, keyRing };
}
