import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveNatsEndpoint } from '../config/nats-config.js';
import { BusErrorCode } from '../errors.js';
import { backoffDelay } from './backoff.js';
import { parseServerVersion, serverAtLeast } from './server-version.js';

describe('backoffDelay', () => {
  const opts = { initialMs: 100, maxMs: 2000, jitter: 0 };
  it('doubles from the initial delay up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map((a) => backoffDelay(a, opts))).toEqual([
      100, 200, 400, 800, 1600, 2000, 2000,
    ]);
  });
  it('spreads by the jitter fraction around the base', () => {
    expect(backoffDelay(1, { ...opts, jitter: 0.5 }, () => 0)).toBe(100);
    expect(backoffDelay(1, { ...opts, jitter: 0.5 }, () => 1)).toBe(300);
  });
});

describe('server version', () => {
  it('parses and compares', () => {
    expect(parseServerVersion('2.9.10')).toEqual([2, 9, 10]);
    expect(parseServerVersion(undefined)).toEqual([0, 0, 0]);
    expect(serverAtLeast('2.9.10', 2, 10)).toBe(false);
    expect(serverAtLeast('2.10.0', 2, 10)).toBe(true);
    expect(serverAtLeast('3.0.0', 2, 10)).toBe(true);
  });
});

describe('resolveNatsEndpoint', () => {
  const emptyDir = () => mkdtempSync(join(tmpdir(), 'simpul-cfg-'));

  it('prefers NATS_URL', () => {
    expect(resolveNatsEndpoint({ NATS_URL: 'nats://10.0.0.1:4222' }, emptyDir())).toEqual({
      url: 'nats://10.0.0.1:4222',
      origin: 'env',
    });
  });

  it('reads .simpul/nats.json from the directory or a parent', () => {
    const root = emptyDir();
    mkdirSync(join(root, '.simpul'));
    mkdirSync(join(root, 'apps', 'police'), { recursive: true });
    writeFileSync(
      join(root, '.simpul', 'nats.json'),
      JSON.stringify({ url: 'tls://127.0.0.1:4333', ca: '/etc/ca.pem' }),
    );
    expect(resolveNatsEndpoint({}, join(root, 'apps', 'police'))).toEqual({
      url: 'tls://127.0.0.1:4333',
      ca: '/etc/ca.pem',
      origin: 'file',
    });
  });

  it('falls back to the local default', () => {
    expect(resolveNatsEndpoint({}, emptyDir()).url).toBe('nats://127.0.0.1:4222');
  });

  it('rejects a malformed URL with BUS.CONFIG_INVALID', () => {
    expect(() => resolveNatsEndpoint({ NATS_URL: 'http://x y' }, emptyDir())).toThrow(
      expect.objectContaining({ code: BusErrorCode.CONFIG_INVALID }),
    );
  });
});
