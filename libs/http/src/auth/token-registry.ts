import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { unitFromId, type Unit } from './unit.js';

/**
 * Which unit each API token belongs to. Tokens are kept only as SHA-256 hashes (a token is 32
 * random bytes, so an unkeyed hash cannot be brute-forced); the file maps hash → unit id and is
 * written by the launcher or, in the field, by the onboarding command.
 */
export class TokenRegistry {
  private readonly units = new Map<string, Unit>();

  constructor(hashToUnit: Record<string, string>) {
    for (const [hash, unitId] of Object.entries(hashToUnit)) this.units.set(hash, unitFromId(unitId));
  }

  static fromFile(path: string): TokenRegistry {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error(`token registry ${path} must be a JSON object of hash → unit id`);
    }
    for (const [hash, unit] of Object.entries(parsed)) {
      if (!/^[0-9a-f]{64}$/.test(hash) || typeof unit !== 'string' || !/^[a-z]+:[a-z0-9-]+$/.test(unit)) {
        throw new Error(`token registry ${path} has an invalid entry`);
      }
    }
    return new TokenRegistry(parsed as Record<string, string>);
  }

  /** The unit of `token`, or undefined for an unknown token. */
  // Looking up a hash, not the token, also means lookup timing reveals nothing about valid tokens.
  unitOf(token: string): Unit | undefined {
    return this.units.get(hashToken(token));
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
