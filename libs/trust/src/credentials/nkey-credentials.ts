import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createUser, fromSeed } from '@nats-io/nkeys';
import { unitFileName } from '../registry/unit-entry.js';

/**
 * NATS credentials of the units in plain-nkey mode (docs/contract.md §10): `<dir>/<unit, colon as
 * dash>.creds` holds the user's nkey seed (`SU…`). The seed never leaves the file (mode 0600); the
 * server config holds only the public key (`U…`). Existing files are kept, so a unit's identity is
 * stable across runs and a reload never locks out a connected service.
 */
export function credsFileOf(dir: string, unitId: string): string {
  return join(dir, `${unitFileName(unitId)}.creds`);
}

/** Makes sure every unit has a credentials file; returns unit id → public nkey. */
export function ensureNkeyCredentials(dir: string, unitIds: readonly string[]): Map<string, string> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const publicKeys = new Map<string, string>();
  for (const unitId of unitIds) {
    const file = credsFileOf(dir, unitId);
    if (!existsSync(file)) {
      const user = createUser();
      writeFileSync(file, `${new TextDecoder().decode(user.getSeed())}\n`, { mode: 0o600 });
    }
    publicKeys.set(unitId, publicKeyOfCreds(file));
  }
  return publicKeys;
}

/** The public nkey of a credentials file (plain seed, or the seed block of a JWT creds file). */
export function publicKeyOfCreds(file: string): string {
  const text = readFileSync(file, 'utf8');
  const seed = /\bSU[A-Z2-7]{56}\b/.exec(text)?.[0];
  if (!seed) throw new Error(`${file} holds no user nkey seed`);
  return fromSeed(new TextEncoder().encode(seed)).getPublicKey();
}

/** Withdraws a unit's credentials file (revocation); the server forgets its public key on reload. */
export function removeCredentials(dir: string, unitId: string): void {
  rmSync(credsFileOf(dir, unitId), { force: true });
}
