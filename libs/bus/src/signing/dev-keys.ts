import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey, privateKeyToPem, publicKeyToBase64url } from './keys.js';
import { FileKeyRegistry, type FileKeyRegistryOptions, type KeyRegistryFile } from './registry.js';
import { KeyRing, privateKeyFile } from './key-ring.js';

export interface DevUnit {
  /** Unit id, e.g. `polda:riau` (names the key). */
  unit: string;
  /** CloudEvents source the unit publishes as, e.g. `/polri/polda/riau`. */
  source: string;
}

/**
 * Makes sure a dev key directory (default `.simpul/keys/`, git-ignored) holds an Ed25519 key for
 * every given unit, generating the missing ones: `registry.json` (public keys and their sources)
 * and `private/<keyId>.pem` (mode 0600). Several services may start at once, so changes happen
 * under a lock file and the registry is replaced atomically. For dev and demo runs only: production
 * keys come from the agencies' own credential process and are never generated here.
 */
export async function ensureDevKeys(
  dir: string,
  units: DevUnit[],
  /** How the returned registry follows its file (FileKeyRegistry.load). */
  registryOptions: FileKeyRegistryOptions = {},
): Promise<{ registry: FileKeyRegistry; keyRing: KeyRing; created: string[] }> {
  const registryFile = join(dir, 'registry.json');
  const created: string[] = [];
  await withRegistryFile(dir, (file) => {
    const revoked = new Set(file.revokedUnits ?? []);
    for (const { unit, source } of units) {
      // A revoked unit gets no new key: a service starting later must not undo the revocation.
      if (revoked.has(unit)) continue;
      const signable = file.keys.some(
        (k) => k.sources.includes(source) && existsSync(privateKeyFile(dir, k.keyId)),
      );
      if (signable) continue;
      const key = generateSigningKey(unit);
      writeFileSync(privateKeyFile(dir, key.keyId), privateKeyToPem(key.privateKey), { mode: 0o600 });
      file.keys.push({
        keyId: key.keyId,
        algorithm: 'Ed25519',
        publicKey: publicKeyToBase64url(key.publicKey),
        sources: [source],
        unit,
        createdAt: new Date().toISOString(),
      });
      created.push(key.keyId);
    }
    if (created.length > 0 || !existsSync(registryFile)) writeRegistry(registryFile, file);
  });
  return {
    registry: FileKeyRegistry.load(registryFile, registryOptions),
    keyRing: KeyRing.fromDirectory(dir),
    created,
  };
}

/**
 * Applies revocations to a dev key directory in one pass (`simpul agency revoke|add`, the
 * launcher): the keys of `revoked` units leave the registry, so every consumer rejects what they
 * sign from its next refresh on, and their private keys are deleted; those units are remembered so
 * that no service generates them a new key. Units in `active` that were revoked before may have keys
 * again. Writes the registry only when something changed.
 */
export async function applyDevKeyRevocations(
  dir: string,
  revoked: ReadonlyArray<{ unit: string; source?: string }>,
  active: readonly string[],
): Promise<void> {
  const registryFile = join(dir, 'registry.json');
  await withRegistryFile(dir, (file) => {
    const keys = file.keys.filter((k) => {
      const belongs = revoked.some(
        ({ unit, source }) => k.unit === unit || (source !== undefined && k.sources.includes(source)),
      );
      if (belongs) rmSync(privateKeyFile(dir, k.keyId), { force: true });
      return !belongs;
    });
    const stillActive = new Set(active);
    const revokedUnits = [...new Set([...(file.revokedUnits ?? []), ...revoked.map((r) => r.unit)])]
      .filter((unit) => !stillActive.has(unit))
      .sort();
    const unchanged =
      keys.length === file.keys.length &&
      JSON.stringify(revokedUnits) === JSON.stringify([...(file.revokedUnits ?? [])].sort());
    if (unchanged && existsSync(registryFile)) return;
    writeRegistry(registryFile, { ...file, keys, revokedUnits });
  });
}

/** Runs `work` on the registry file of `dir` (empty when missing) under the directory's lock. */
function withRegistryFile(dir: string, work: (file: KeyRegistryFile) => void): Promise<void> {
  mkdirSync(join(dir, 'private'), { recursive: true, mode: 0o700 });
  const registryFile = join(dir, 'registry.json');
  return withLock(join(dir, '.lock'), () =>
    work(
      existsSync(registryFile)
        ? (JSON.parse(readFileSync(registryFile, 'utf8')) as KeyRegistryFile)
        : { version: 1, keys: [] },
    ),
  );
}

function writeRegistry(registryFile: string, file: KeyRegistryFile): void {
  const tmp = `${registryFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(file, null, 2) + '\n');
  renameSync(tmp, registryFile);
}

async function withLock(lockFile: string, work: () => void): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      closeSync(openSync(lockFile, 'wx'));
      break;
    } catch {
      // A lock older than 10 s belongs to a process that died while holding it.
      try {
        if (Date.now() - statSync(lockFile).mtimeMs > 10_000) rmSync(lockFile, { force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`could not lock ${lockFile}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  try {
    work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}
