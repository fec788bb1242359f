import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { devKeysAllowed, loadConfiguredKeys } from './configured-keys.js';
import { ensureDevKeys } from './dev-keys.js';

const riau = { unit: 'polda:riau', source: '/polri/polda/riau' };
const kepri = { unit: 'polda:kepri', source: '/polri/polda/kepri' };
const tempDir = () => mkdtempSync(join(tmpdir(), 'simpul-configured-keys-'));

describe('configured keys (production start)', () => {
  it('allows generating dev keys only with SIMPUL_DEV_KEYS=1', () => {
    expect(devKeysAllowed({ SIMPUL_DEV_KEYS: '1' })).toBe(true);
    expect(devKeysAllowed({})).toBe(false);
    expect(devKeysAllowed({ SIMPUL_DEV_KEYS: 'true', NODE_ENV: 'development' })).toBe(false);
  });

  it('fails with one sentence, and generates nothing, when no keys are configured', () => {
    const dir = tempDir();
    expect(() => loadConfiguredKeys(dir, [riau])).toThrow(
      /^no signing keys are configured: .*registry\.json does not exist \(set SIMPUL_KEYS_DIR .*SIMPUL_DEV_KEYS=1 generates keys\)$/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('loads configured keys, and names the units whose private key is missing', async () => {
    const dir = tempDir();
    await ensureDevKeys(dir, [riau]);
    expect(loadConfiguredKeys(dir, [riau]).keyRing.keyFor(riau.source)).toBeDefined();
    expect(() => loadConfiguredKeys(dir, [riau, kepri])).toThrow(
      /no private signing key in .* for polda:kepri \(/,
    );
  });
});
