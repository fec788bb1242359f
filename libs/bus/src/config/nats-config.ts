import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BusError, BusErrorCode } from '../errors.js';

/** Where the bus connects. */
export interface NatsEndpoint {
  /** e.g. `nats://127.0.0.1:4222` (`tls://…` when a CA is given). */
  url: string;
  /** Absolute path of a CA certificate to trust, or undefined for plain TCP. */
  ca?: string;
  /** Where the URL came from, for a startup log line. */
  origin: 'env' | 'file' | 'default';
}

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/**
 * The NATS endpoint of a dev, demo or CLI run (docs/contract.md §8): `NATS_URL` when set, else the
 * `nats.json` `{ url, ca? }` the launcher wrote (in `SIMPUL_STATE_DIR`, else `.simpul/` searched from `cwd` upwards), else the
 * default local server. Apps pass their validated config's value as `env.NATS_URL`.
 */
export function resolveNatsEndpoint(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): NatsEndpoint {
  const fromEnv = env.NATS_URL?.trim();
  if (fromEnv) {
    assertNatsUrl(fromEnv, 'NATS_URL');
    return { url: fromEnv, origin: 'env' };
  }
  const file = localStateFile(env, cwd, 'nats.json');
  if (file) {
    let parsed: { url?: unknown; ca?: unknown };
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8')) as { url?: unknown; ca?: unknown };
    } catch {
      throw new BusError(BusErrorCode.CONFIG_INVALID, `${file} is not valid JSON`);
    }
    if (typeof parsed.url !== 'string')
      throw new BusError(BusErrorCode.CONFIG_INVALID, `${file} has no "url"`);
    assertNatsUrl(parsed.url, file);
    const ca =
      typeof parsed.ca === 'string' && parsed.ca ? resolve(dirname(file), '..', parsed.ca) : undefined;
    return { url: parsed.url, ca, origin: 'file' };
  }
  return { url: DEFAULT_NATS_URL, origin: 'default' };
}

function assertNatsUrl(value: string, origin: string): void {
  for (const part of value.split(',')) {
    if (!/^(nats|tls|ws|wss):\/\/[^\s/]+$/.test(part.trim()) && !/^[^\s:/]+:\d+$/.test(part.trim())) {
      throw new BusError(BusErrorCode.CONFIG_INVALID, `${origin}: not a NATS server URL`);
    }
  }
}

/**
 * A file of the local run's state: in `SIMPUL_STATE_DIR` when set (the launcher's own variable:
 * tests and second runs keep their state elsewhere), else in `.simpul/` found from `cwd` upwards.
 */
export function localStateFile(
  env: Record<string, string | undefined>,
  cwd: string,
  name: string,
): string | undefined {
  if (env.SIMPUL_STATE_DIR) {
    const file = join(env.SIMPUL_STATE_DIR, name);
    return existsSync(file) ? file : undefined;
  }
  return findUp(cwd, join('.simpul', name));
}

/** The first `relative` path found in `from` or one of its parents. */
export function findUp(from: string, relative: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
