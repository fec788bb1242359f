// The bus module's key directory honours keyRegistryMaxAgeMs (BUS_KEY_REGISTRY_MAX_AGE_MS): with 0,
// a key removed from registry.json stops verifying at the next lookup.
import 'reflect-metadata';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { KeyRing } from '../signing/key-ring.js';
import type { KeyRegistryFile } from '../signing/registry.js';
import { resolveBusKeys } from './bus.module.js';

const riau = { unit: 'polda:riau', source: '/polri/polda/riau' };

describe('resolveBusKeys', () => {
  it.each([true, false])(
    'passes keyRegistryMaxAgeMs to the registry of a key directory (generate: %s)',
    async (generate) => {
      const dir = mkdtempSync(join(tmpdir(), 'simpul-bus-keys-'));
      // A configured directory (generate: false) must exist first.
      await resolveBusKeys({ keys: { devDirectory: dir, units: [riau], generate: true } });
      const { registry, signer } = await resolveBusKeys({
        keys: { devDirectory: dir, units: [riau], generate },
        keyRegistryMaxAgeMs: 0,
      });
      const keyId = (signer as KeyRing).keyFor(riau.source)!.keyId;
      expect(registry.lookup(keyId)).toBeDefined();
      const file = join(dir, 'registry.json');
      const content = JSON.parse(readFileSync(file, 'utf8')) as KeyRegistryFile;
      writeFileSync(file, JSON.stringify({ ...content, keys: [] }));
      expect(registry.lookup(keyId)).toBeUndefined();
    },
  );
});
