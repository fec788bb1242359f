import { readFileSync, statSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { BusError, BusErrorCode } from '../errors.js';
import { publicKeyFromBase64url, publicKeyToBase64url } from './keys.js';

/** A public key the bus trusts, and the CloudEvents sources it may sign for. */
export interface RegisteredKey {
  keyId: string;
  publicKey: KeyObject;
  /** The raw public key, base64url (what verifier workers are given). */
  publicKeyX: string;
  /** CloudEvents `source` values (e.g. `/polri/polda/riau`) this key may sign events of. */
  sources: ReadonlySet<string>;
}

/**
 * Where consumers look up `Simpul-Key`. The dev implementation reads a JSON file; the credential
 * work of a later issue can supply another (an agency directory, NATS account claims…).
 */
export interface KeyRegistry {
  lookup(keyId: string): RegisteredKey | undefined;
  /** Re-reads the source of truth if it changed (a unit was onboarded); cheap when nothing changed. */
  refresh?(): void;
}

/** On-disk shape of a registry file (`.simpul/keys/registry.json`). Public material only. */
export interface KeyRegistryFile {
  version: 1;
  keys: Array<{
    keyId: string;
    algorithm: 'Ed25519';
    /** Raw 32-byte public key, base64url. */
    publicKey: string;
    sources: string[];
    /** Unit id the key was made for, e.g. `polda:riau` (informational). */
    unit?: string;
    createdAt?: string;
  }>;
  /** Units whose keys were revoked: no key is generated for them again (dev registry only). */
  revokedUnits?: string[];
}

/** A registry held in memory (tests, or built from another source). */
export class StaticKeyRegistry implements KeyRegistry {
  private readonly keys = new Map<string, RegisteredKey>();

  constructor(keys: Iterable<{ keyId: string; publicKey: KeyObject; sources: Iterable<string> }> = []) {
    for (const key of keys) this.add(key);
  }

  add(key: { keyId: string; publicKey: KeyObject; sources: Iterable<string> }): void {
    this.keys.set(key.keyId, {
      keyId: key.keyId,
      publicKey: key.publicKey,
      publicKeyX: publicKeyToBase64url(key.publicKey),
      sources: new Set(key.sources),
    });
  }

  lookup(keyId: string): RegisteredKey | undefined {
    return this.keys.get(keyId);
  }

  get size(): number {
    return this.keys.size;
  }
}

export function parseKeyRegistryFile(text: string, origin: string): StaticKeyRegistry {
  let parsed: KeyRegistryFile;
  try {
    parsed = JSON.parse(text) as KeyRegistryFile;
  } catch {
    throw new BusError(BusErrorCode.KEY_FILE_INVALID, `key registry ${origin} is not JSON`);
  }
  if (parsed?.version !== 1 || !Array.isArray(parsed.keys)) {
    throw new BusError(
      BusErrorCode.KEY_FILE_INVALID,
      `key registry ${origin} must be { "version": 1, "keys": [...] }`,
    );
  }
  const registry = new StaticKeyRegistry();
  parsed.keys.forEach((entry, index) => {
    if (
      typeof entry?.keyId !== 'string' ||
      entry.algorithm !== 'Ed25519' ||
      typeof entry.publicKey !== 'string' ||
      !Array.isArray(entry.sources) ||
      !entry.sources.every((s) => typeof s === 'string')
    ) {
      throw new BusError(
        BusErrorCode.KEY_FILE_INVALID,
        `key registry ${origin}: keys[${index}] is malformed`,
      );
    }
    let publicKey: KeyObject;
    try {
      publicKey = publicKeyFromBase64url(entry.publicKey);
    } catch {
      throw new BusError(
        BusErrorCode.KEY_FILE_INVALID,
        `key registry ${origin}: keys[${index}].publicKey is not Ed25519`,
      );
    }
    registry.add({ keyId: entry.keyId, publicKey, sources: entry.sources });
  });
  return registry;
}

/** Longest time a running verifier may go on trusting a key after it left the registry file. */
export const DEFAULT_KEY_REGISTRY_MAX_AGE_MS = 10_000;

export interface FileKeyRegistryOptions {
  /** Re-read a changed file on a lookup miss at most this often (a unit onboarded). Default 1000. */
  minRefreshIntervalMs?: number;
  /**
   * Re-check the file on a lookup once the last check is older than this, so a revoked key stops
   * verifying within this bound in every running consumer. Default 10000 (10 s).
   */
  maxAgeMs?: number;
}

/**
 * The dev registry: a JSON file of public keys, followed while it runs. A lookup re-checks the file
 * (one `stat`, re-read only when it changed) once the last check is older than `maxAgeMs`, so a
 * revocation (the key removed from the file) reaches every running verifier within that bound; a
 * miss re-checks at most once per `minRefreshIntervalMs`, so a unit onboarded while consumers run
 * is picked up on its first message. No timer: a registry nobody asks costs nothing.
 */
export class FileKeyRegistry implements KeyRegistry {
  private current: StaticKeyRegistry;
  private signature: string;
  private lastCheck: number;

  private constructor(
    readonly file: string,
    private readonly minRefreshIntervalMs: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number,
  ) {
    this.signature = fileSignature(file);
    this.current = parseKeyRegistryFile(readFileSync(file, 'utf8'), file);
    this.lastCheck = now();
  }

  static load(file: string, options: FileKeyRegistryOptions & { now?: () => number } = {}): FileKeyRegistry {
    const maxAgeMs = options.maxAgeMs ?? DEFAULT_KEY_REGISTRY_MAX_AGE_MS;
    if (!Number.isInteger(maxAgeMs) || maxAgeMs < 0) {
      throw new BusError(BusErrorCode.CONFIG_INVALID, 'key registry maxAgeMs must be a whole number >= 0');
    }
    try {
      return new FileKeyRegistry(
        file,
        options.minRefreshIntervalMs ?? 1000,
        maxAgeMs,
        options.now ?? Date.now,
      );
    } catch (error) {
      if (error instanceof BusError) throw error;
      throw new BusError(BusErrorCode.KEY_FILE_INVALID, `key registry ${file} cannot be read`);
    }
  }

  lookup(keyId: string): RegisteredKey | undefined {
    if (this.now() - this.lastCheck >= this.maxAgeMs) this.check();
    return this.current.lookup(keyId);
  }

  refresh(): void {
    if (this.now() - this.lastCheck < this.minRefreshIntervalMs) return;
    this.check();
  }

  /** Re-reads the file when it changed since the last read. */
  private check(): void {
    this.lastCheck = this.now();
    try {
      const signature = fileSignature(this.file);
      if (signature === this.signature) return;
      this.current = parseKeyRegistryFile(readFileSync(this.file, 'utf8'), this.file);
      this.signature = signature;
    } catch {
      // Keep the last good registry: a half-written or removed file must not revoke every key.
    }
  }
}

/** Inode, size and mtime: a file replaced by rename changes inode even within one timestamp tick. */
function fileSignature(file: string): string {
  const s = statSync(file);
  return `${s.ino}:${s.size}:${s.mtimeMs}`;
}
