import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unitNamesFromFile } from './unit-names.js';

const REFERENCE_UNITS_FILE = fileURLToPath(
  new URL('../../../../deploy/reference/units.json', import.meta.url),
);

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function unitsFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'simpul-units-'));
  dirs.push(dir);
  const file = join(dir, 'units.json');
  writeFileSync(file, content);
  return file;
}

describe('unitNamesFromFile', () => {
  it('names every ministry unit, Polda and checkpoint of the reference units', () => {
    const names = unitNamesFromFile(REFERENCE_UNITS_FILE);
    expect(names.get('ministry:desk')).toBe('KP2MI operations desk');
    expect(names.get('polda:riau')).toBe('Polda Riau');
    expect(names.get('checkpoint:soekarno-hatta')).toBe('Bandara Soekarno-Hatta');
  });

  it('skips entries without a string id and name, and lists that are missing', () => {
    const file = unitsFile(
      JSON.stringify({ polda: [{ id: 'polda:riau', name: 'Polda Riau' }, { id: 'polda:x' }, null, 7] }),
    );
    expect([...unitNamesFromFile(file)]).toEqual([['polda:riau', 'Polda Riau']]);
  });

  it('refuses a file that is not a JSON object of lists', () => {
    expect(() => unitNamesFromFile(unitsFile('[]'))).toThrow(/REFERENCE_UNITS_FILE/);
  });
});
