import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BusErrorCode } from '../errors.js';
import { canonicalBytes, canonicalJson } from './canonical.js';
import { applyDevKeyRevocations, ensureDevKeys } from './dev-keys.js';
import { KeyRing } from './key-ring.js';
import { deriveKeyId, generateSigningKey, signBytes, verifyBytes } from './keys.js';
import { contractSourceOwnsSubject as sourceOwnsSubject } from '../contracts.js';
import { FileKeyRegistry, parseKeyRegistryFile, StaticKeyRegistry } from './registry.js';
import { authorizeEvent, verifySignature } from './verify.js';

const headersOf = (h: Record<string, string>) => ({ get: (k: string) => h[k] ?? '' });

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, drops whitespace, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: true, c: null }], A: 'x' })).toBe(
      '{"A":"x","a":[3,{"c":null,"d":true}],"b":1}',
    );
  });

  it('serialises numbers the ECMAScript way (RFC 8785 §3.2.2.3)', () => {
    expect(canonicalJson({ n: [1.0, 1e21, 0.000001, -0] })).toBe('{"n":[1,1e+21,0.000001,0]}');
  });

  it('is the same for differently ordered equal objects', () => {
    expect(canonicalJson({ x: 1, y: { b: 2, a: 1 } })).toBe(canonicalJson({ y: { a: 1, b: 2 }, x: 1 }));
  });

  it('refuses values without a JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });
});

describe('Ed25519 signatures', () => {
  const key = generateSigningKey('polda:riau');
  const body = canonicalBytes({ id: 'e1', source: '/polri/polda/riau', type: 'police.arrest.recorded.v1' });

  it('verifies what was signed and nothing else', () => {
    const signature = signBytes(body, key.privateKey);
    expect(Buffer.from(signature, 'base64url')).toHaveLength(64);
    expect(verifyBytes(body, signature, key.publicKey)).toBe(true);
    const tampered = Buffer.from(body);
    tampered[5] ^= 1;
    expect(verifyBytes(tampered, signature, key.publicKey)).toBe(false);
    expect(verifyBytes(body, signature, generateSigningKey('x').publicKey)).toBe(false);
    expect(verifyBytes(body, 'not-a-signature', key.publicKey)).toBe(false);
  });

  it('derives a key id from the unit and the public key fingerprint', () => {
    expect(key.keyId).toMatch(/^polda-riau\.[A-Za-z0-9_-]{12}$/);
    expect(deriveKeyId('polda:riau', key.publicKey)).toBe(key.keyId);
  });
});

describe('verifySignature / authorizeEvent', () => {
  const riau = generateSigningKey('polda:riau');
  const registry = new StaticKeyRegistry([
    { keyId: riau.keyId, publicKey: riau.publicKey, sources: ['/polri/polda/riau'] },
  ]);
  const event = {
    id: 'e1',
    source: '/polri/polda/riau',
    type: 'police.arrest.recorded.v1',
    data: { polda: 'riau' },
  };
  const body = canonicalBytes(event);
  const signed = headersOf({
    'Simpul-Key': riau.keyId,
    'Simpul-Signature': signBytes(body, riau.privateKey),
  });

  it('accepts the canonical body as sent', () => {
    expect(verifySignature(body, signed, registry).keyId).toBe(riau.keyId);
  });

  it('accepts another serialisation of the same JSON (verifies its canonical form)', () => {
    const pretty = Buffer.from(JSON.stringify(event, null, 2));
    expect(verifySignature(pretty, signed, registry).keyId).toBe(riau.keyId);
  });

  it('rejects a changed body, a missing signature and an unknown key with their codes', () => {
    const changed = canonicalBytes({ ...event, data: { polda: 'kepri' } });
    expect(() => verifySignature(changed, signed, registry)).toThrow(
      expect.objectContaining({ code: BusErrorCode.SIGNATURE_INVALID }),
    );
    expect(() => verifySignature(body, headersOf({}), registry)).toThrow(
      expect.objectContaining({ code: BusErrorCode.SIGNATURE_MISSING }),
    );
    const stranger = headersOf({
      'Simpul-Key': 'nobody.x',
      'Simpul-Signature': signBytes(body, riau.privateKey),
    });
    expect(() => verifySignature(body, stranger, registry)).toThrow(
      expect.objectContaining({ code: BusErrorCode.KEY_UNKNOWN }),
    );
  });

  it('checks the key may sign for the source, the subject mapping and unit ownership', () => {
    const key = registry.lookup(riau.keyId)!;
    expect(() =>
      authorizeEvent(key, event, 'police.riau.arrest.recorded', 'police.riau.arrest.recorded'),
    ).not.toThrow();
    expect(() =>
      authorizeEvent(
        key,
        { ...event, source: '/polri/polda/kepri' },
        'police.kepri.arrest.recorded',
        undefined,
      ),
    ).toThrow(expect.objectContaining({ code: BusErrorCode.KEY_NOT_AUTHORIZED }));
    expect(() =>
      authorizeEvent(key, event, 'police.kepri.arrest.recorded', 'police.riau.arrest.recorded'),
    ).toThrow(expect.objectContaining({ code: BusErrorCode.SUBJECT_MISMATCH }));
    expect(() => authorizeEvent(key, event, 'police.kepri.arrest.recorded', undefined)).toThrow(
      expect.objectContaining({ code: BusErrorCode.SOURCE_NOT_OWNER }),
    );
  });
});

describe('source owns subject (via @simpul/contracts)', () => {
  it.each([
    ['/polri/polda/riau', 'police.riau.arrest.recorded', true],
    ['/polri/polda/riau', 'police.kepri.arrest.recorded', false],
    ['/polri/polda/riau', 'ministry.alert.raised', false],
    ['/imigrasi/tpi/batam-center', 'immigration.batam-center.screening.matched', true],
    ['/imigrasi/tpi/batam-center', 'immigration.dumai.screening.matched', false],
    ['/kp2mi/ministry', 'ministry.watchlist.entry.issued', true],
    ['/kp2mi/ministry', 'police.riau.arrest.recorded', false],
    ['/polri/polda/riau/extra', 'police.riau.arrest.recorded', false],
    ['/polri/polda/', 'police..arrest.recorded', false],
  ])('%s on %s → %s', (source, subject, expected) => {
    expect(sourceOwnsSubject(source, subject)).toBe(expected);
  });
});

describe('key files', () => {
  it('ensureDevKeys creates missing keys once, with private keys readable by the owner only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simpul-keys-spec-'));
    const units = [
      { unit: 'polda:riau', source: '/polri/polda/riau' },
      { unit: 'polda:kepri', source: '/polri/polda/kepri' },
    ];
    const first = await ensureDevKeys(dir, units);
    expect(first.created).toHaveLength(2);
    const again = await ensureDevKeys(dir, units);
    expect(again.created).toHaveLength(0);
    const riauKey = first.keyRing.keyFor('/polri/polda/riau')!;
    expect(again.registry.lookup(riauKey.keyId)?.sources.has('/polri/polda/riau')).toBe(true);
    expect(statSync(join(dir, 'private', `${riauKey.keyId}.pem`)).mode & 0o077).toBe(0);
    expect(readFileSync(join(dir, 'registry.json'), 'utf8')).not.toContain('PRIVATE');
    expect(KeyRing.fromDirectory(dir).sources().sort()).toEqual(['/polri/polda/kepri', '/polri/polda/riau']);
  });

  it('FileKeyRegistry picks up a unit onboarded while running and keeps the last good file on garbage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simpul-keys-spec-'));
    await ensureDevKeys(dir, [{ unit: 'polda:riau', source: '/polri/polda/riau' }]);
    const registry = FileKeyRegistry.load(join(dir, 'registry.json'), { minRefreshIntervalMs: 0 });
    const { keyRing } = await ensureDevKeys(dir, [{ unit: 'polda:aceh', source: '/polri/polda/aceh' }]);
    const aceh = keyRing.keyFor('/polri/polda/aceh')!;
    registry.refresh();
    expect(registry.lookup(aceh.keyId)).toBeDefined();
    writeFileSync(join(dir, 'registry.json'), '{ not json');
    registry.refresh();
    expect(registry.lookup(aceh.keyId)).toBeDefined();
  });

  it('FileKeyRegistry forgets a revoked key within maxAgeMs (default 10 s) without a lookup miss', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simpul-keys-spec-'));
    const { keyRing } = await ensureDevKeys(dir, [
      { unit: 'polda:riau', source: '/polri/polda/riau' },
      { unit: 'polda:kepri', source: '/polri/polda/kepri' },
    ]);
    let now = 1_000_000;
    const registry = FileKeyRegistry.load(join(dir, 'registry.json'), { now: () => now });
    const riau = keyRing.keyFor('/polri/polda/riau')!.keyId;
    expect(registry.lookup(riau)).toBeDefined();
    await applyDevKeyRevocations(dir, [{ unit: 'polda:riau' }], []);
    now += 9_999;
    expect(registry.lookup(riau)).toBeDefined(); // within the bound the old registry may still answer
    now += 1;
    expect(registry.lookup(riau)).toBeUndefined();
    expect(registry.lookup(keyRing.keyFor('/polri/polda/kepri')!.keyId)).toBeDefined();
    expect(() => FileKeyRegistry.load(join(dir, 'registry.json'), { maxAgeMs: -1 })).toThrow(
      expect.objectContaining({
        code: BusErrorCode.CONFIG_INVALID,
        message: expect.stringContaining('maxAgeMs'),
      }),
    );
  });

  it('rejects malformed registry files with BUS.KEY_FILE_INVALID', () => {
    expect(() => parseKeyRegistryFile('[]', 'x')).toThrow(
      expect.objectContaining({ code: BusErrorCode.KEY_FILE_INVALID }),
    );
    expect(() =>
      parseKeyRegistryFile(
        JSON.stringify({
          version: 1,
          keys: [{ keyId: 'k', algorithm: 'Ed25519', publicKey: 'AAAA', sources: [] }],
        }),
        'x',
      ),
    ).toThrow(expect.objectContaining({ code: BusErrorCode.KEY_FILE_INVALID }));
  });
});

describe('VerifierPool (worker threads)', () => {
  it('returns one verdict per job, in order, and rejects garbage without throwing', async () => {
    const { VerifierPool } = await import('./verifier-pool.js');
    const { publicKeyToBase64url } = await import('./keys.js');
    const pool = new VerifierPool(2);
    try {
      const key = generateSigningKey('polda:riau');
      const x = publicKeyToBase64url(key.publicKey);
      const bodies = [canonicalBytes({ n: 1 }), canonicalBytes({ n: 2 }), canonicalBytes({ n: 3 })];
      const jobs = bodies.map((data) => ({ data, signature: signBytes(data, key.privateKey), publicKey: x }));
      jobs[1] = { ...jobs[1]!, data: canonicalBytes({ n: 20 }) };
      jobs.push({ data: bodies[0]!, signature: 'garbage', publicKey: x });
      jobs.push({ data: bodies[0]!, signature: jobs[0]!.signature, publicKey: 'not-a-key' });
      expect(await pool.verify(jobs)).toEqual([true, false, true, false, false]);
      expect(await pool.verify([])).toEqual([]);
    } finally {
      await pool.close();
    }
  });
});

describe('VerifierPool recovery', () => {
  it('fails the batches of a worker that died and keeps serving with a replacement', async () => {
    const { VerifierPool } = await import('./verifier-pool.js');
    const { publicKeyToBase64url } = await import('./keys.js');
    const pool = new VerifierPool(1);
    try {
      const key = generateSigningKey('polda:riau');
      const data = canonicalBytes({ n: 1 });
      const job = {
        data,
        signature: signBytes(data, key.privateKey),
        publicKey: publicKeyToBase64url(key.publicKey),
      };
      const worker = (pool as unknown as { workers: Array<{ terminate(): Promise<number> }> }).workers[0]!;
      // A batch long enough (~0.2 s of verifying) that the worker is killed in the middle of it.
      const inFlight = pool.verify(Array.from({ length: 3000 }, () => job));
      await worker.terminate();
      await expect(inFlight).rejects.toThrow(/exited/);
      expect(await pool.verify([job])).toEqual([true]);
    } finally {
      await pool.close();
    }
  });
});
