// `simpul agency add checkpoint <code> [--site <id>]` keeps every checkpoint in exactly one site of
// the registry file (the file itself is edited, so this runs on a copy in a temporary directory).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { RegistryError } from './agencies-file.js';
import { addUnitToRegistry } from './new-unit.js';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'simpul-new-unit-'));
  file = join(dir, 'agencies.yaml');
  copyFileSync(join(ROOT, 'deploy', 'agencies.yaml'), file);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const siteOf = (sites: Array<{ id: string; checkpoints: string[] }> | undefined, code: string) =>
  sites?.filter((s) => s.checkpoints.includes(code)).map((s) => s.id);

describe('adding a checkpoint to a registry with sites', () => {
  it('joins the first non-leaf site by default, served by that site’s deployment', () => {
    const { registry } = addUnitToRegistry(file, 'checkpoint', 'bintan-lagoi');
    expect(siteOf(registry.sites, 'bintan-lagoi')).toEqual(['central']);
    expect(registry.units.find((u) => u.id === 'immigration:central')!.serves).toContain(
      'checkpoint:bintan-lagoi',
    );
  });

  it('joins the site --site names', () => {
    const { registry } = addUnitToRegistry(file, 'checkpoint', 'nongsa', undefined, 'batam');
    expect(siteOf(registry.sites, 'nongsa')).toEqual(['batam']);
    expect(registry.units.find((u) => u.id === 'immigration:batam')!.serves).toContain('checkpoint:nongsa');
  });

  it('makes a new non-leaf site with its own deployment for an unknown --site', () => {
    const { registry } = addUnitToRegistry(file, 'checkpoint', 'karimun-baru', undefined, 'karimun');
    expect(registry.sites?.find((s) => s.id === 'karimun')).toEqual({
      id: 'karimun',
      checkpoints: ['karimun-baru'],
      leaf: false,
    });
    expect(registry.units.find((u) => u.id === 'immigration:karimun')).toMatchObject({
      serves: ['checkpoint:karimun-baru'],
      consumers: ['immigration-karimun-watchlist', 'immigration-karimun-delays'],
    });
  });

  it('refuses --site for a Polda and leaves the file as it was', () => {
    expect(() => addUnitToRegistry(file, 'polda', 'papua-selatan', undefined, 'batam')).toThrow(
      RegistryError,
    );
    const { registry } = addUnitToRegistry(file, 'polda', 'papua-selatan');
    expect(registry.units.some((u) => u.id === 'polda:papua-selatan')).toBe(true);
  });
});
