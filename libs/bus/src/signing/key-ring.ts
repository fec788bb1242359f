import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BusError, BusErrorCode } from '../errors.js';
import { privateKeyFromPem, type SigningKey } from './keys.js';
import type { KeyRegistryFile } from './registry.js';
import { createPublicKey } from 'node:crypto';

/**
 * Picks the private key the relay signs an event with, by the event's `source`: a police deployment
 * serving several Polda signs each event with the key of the Polda it is about (docs/contract.md §5).
 */
export interface EventSigner {
  keyFor(source: string): SigningKey | undefined;
}

/** Private keys held by this deployment, indexed by the sources they sign for. */
export class KeyRing implements EventSigner {
  private readonly bySource = new Map<string, SigningKey>();

  constructor(keys: Iterable<{ key: SigningKey; sources: Iterable<string> }> = []) {
    for (const { key, sources } of keys) this.add(key, sources);
  }

  add(key: SigningKey, sources: Iterable<string>): void {
    for (const source of sources) this.bySource.set(source, key);
  }

  keyFor(source: string): SigningKey | undefined {
    return this.bySource.get(source);
  }

  /** Sources this ring can sign for (no key material). */
  sources(): string[] {
    return [...this.bySource.keys()];
  }

  /**
   * Loads every private key of a key directory (`<dir>/private/<keyId>.pem`) that `<dir>/registry.json`
   * lists; the registry says which sources each key signs for. Keys without a private file are
   * other units' keys: they are skipped.
   */
  static fromDirectory(dir: string, only?: (keyId: string, sources: string[]) => boolean): KeyRing {
    const registryFile = join(dir, 'registry.json');
    let registry: KeyRegistryFile;
    try {
      registry = JSON.parse(readFileSync(registryFile, 'utf8')) as KeyRegistryFile;
    } catch {
      throw new BusError(BusErrorCode.KEY_FILE_INVALID, `key registry ${registryFile} cannot be read`);
    }
    const ring = new KeyRing();
    for (const entry of registry.keys ?? []) {
      if (only && !only(entry.keyId, entry.sources)) continue;
      const file = privateKeyFile(dir, entry.keyId);
      if (!existsSync(file)) continue;
      try {
        const privateKey = privateKeyFromPem(readFileSync(file, 'utf8'));
        ring.add({ keyId: entry.keyId, privateKey, publicKey: createPublicKey(privateKey) }, entry.sources);
      } catch {
        throw new BusError(BusErrorCode.KEY_FILE_INVALID, `private key of ${entry.keyId} cannot be read`);
      }
    }
    return ring;
  }
}

export function privateKeyFile(dir: string, keyId: string): string {
  return join(dir, 'private', `${keyId}.pem`);
}
