import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { unitFromId, type Unit } from './unit.js';

/**
 * Which unit each API token belongs to. Tokens are kept only as SHA-256 hashes (a token is 32
 * random bytes, so an unkeyed hash cannot be brute-forced); the file maps hash → unit id and is
 * written by the launcher or, in the field, by the onboarding command (`simpul agency add|revoke`).
 * A registry read from a file follows it: a unit onboarded or revoked while the service runs is
 * honoured within a second, without a restart.
 */
export class TokenRegistry {
  private units = new Map<string, Unit>();
  private file: { path: string; mtimeMs: number; checkedAt: number } | undefined;

  constructor(hashToUnit: Record<string, string>) {
    this.units = toUnits(hashToUnit);
  }

  static fromFile(path: string): TokenRegistry {
    const registry = new TokenRegistry(readTokenFile(path));
    registry.file = { path, mtimeMs: statSync(path).mtimeMs, checkedAt: Date.now() };
    return registry;
  }

  /** The unit of `token`, or undefined for an unknown token. */
  // Looking up a hash, not the token, also means lookup timing reveals nothing about valid tokens.
  unitOf(token: string): Unit | undefined {
    this.followFile();
    return this.units.get(hashToken(token));
  }

  private followFile(): void {
    const file = this.file;
    if (!file || Date.now() - file.checkedAt < 1000) return;
    file.checkedAt = Date.now();
    try {
      const mtimeMs = statSync(file.path).mtimeMs;
      if (mtimeMs === file.mtimeMs) return;
      this.units = toUnits(readTokenFile(file.path));
      file.mtimeMs = mtimeMs;
    } catch {
      // A file being replaced or broken keeps the last good registry; the next check retries.
    }
  }
}

function toUnits(hashToUnit: Record<string, string>): Map<string, Unit> {
  return new Map(Object.entries(hashToUnit).map(([hash, unitId]) => [hash, unitFromId(unitId)]));
}

function readTokenFile(path: string): Record<string, string> {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`token registry ${path} must be a JSON object of hash → unit id`);
  }
  for (const [hash, unit] of Object.entries(parsed)) {
    if (!/^[0-9a-f]{64}$/.test(hash) || typeof unit !== 'string' || !/^[a-z]+:[a-z0-9-]+$/.test(unit)) {
      throw new Error(`token registry ${path} has an invalid entry`);
    }
  }
  return parsed as Record<string, string>;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
