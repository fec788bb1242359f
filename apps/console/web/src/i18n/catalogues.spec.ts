import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALERT_KINDS, ALERT_SEVERITIES } from '@simpul/contracts';
import { REASONS } from '@simpul/screening';
import * as values from '../api/contract-values';

// The two message catalogues hold the same keys (plural forms aside: Indonesian has one), no empty
// text, and every key the pages name literally.
const here = fileURLToPath(new URL('.', import.meta.url));
const catalogue = (language: string) =>
  JSON.parse(readFileSync(join(here, `${language}.json`), 'utf8')) as object;

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' ? keysOf(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function textsOf(tree: object): string[] {
  return Object.values(tree).flatMap((value) =>
    typeof value === 'object' ? textsOf(value as object) : [value as string],
  );
}

/** Keys with their plural forms (`x_one`, `x_other`) as one (`x`); a key that only ends in `_one` stays. */
const folded = (keys: string[]) =>
  [
    ...new Set(
      keys.map((k) =>
        /_(one|other)$/.test(k) && keys.includes(k.replace(/_(one|other)$/, '_other'))
          ? k.replace(/_(one|other)$/, '')
          : k,
      ),
    ),
  ].sort();

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('the message catalogues', () => {
  const id = catalogue('id');
  const en = catalogue('en');

  it('hold the same keys in both languages', () => {
    expect(folded(keysOf(id))).toEqual(folded(keysOf(en)));
  });

  it('have a plural form for every count in English, and the one Indonesian form', () => {
    const plurals = keysOf(en).filter(
      (k) => k.endsWith('_one') && keysOf(en).includes(k.replace(/_one$/, '_other')),
    );
    expect(plurals.length).toBeGreaterThan(3);
    for (const key of plurals) {
      expect(keysOf(en)).toContain(key.replace(/_one$/, '_other'));
      expect(keysOf(id)).toContain(key.replace(/_one$/, '_other'));
    }
  });

  it('have no empty text', () => {
    expect([...textsOf(id), ...textsOf(en)].filter((text) => text.trim() === '')).toEqual([]);
  });

  it('hold every key the pages name literally', () => {
    const known = new Set(folded(keysOf(en)));
    const used = sourcesUnder(join(here, '..')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z]+(?:\.[a-zA-Z_]+)+)'/g)].map((m) => m[1]!),
    );
    expect(used.length).toBeGreaterThan(100);
    expect([...new Set(used)].filter((key) => !known.has(key))).toEqual([]);
  });

  // Keys the pages build from a value (`t(`legalType.${type}`)`): every value they can be given.
  it.each([
    ['legalType', values.WATCHLIST_LEGAL_TYPES],
    ['action', values.WATCHLIST_ACTIONS],
    ['sanction', values.COMPANY_SANCTIONS],
    ['sex', values.SEXES],
    ['role', values.SUSPECT_ROLES],
    ['suspectStatus', values.SUSPECT_STATUSES],
    ['purpose', values.STATED_PURPOSES],
    ['outcome', values.OUTCOMES],
    ['readPurpose', [...values.READ_PURPOSES, ...values.REIDENTIFY_PURPOSES]],
    ['severity', ALERT_SEVERITIES],
    ['alertKind', ALERT_KINDS],
    ['reasons', REASONS],
  ] as [string, readonly string[]][])(
    'name every %s the pages can show, in both languages',
    (family, list) => {
      for (const tree of [id, en]) {
        const known = new Set(keysOf(tree));
        expect(list.map((value) => `${family}.${value}`).filter((key) => !known.has(key))).toEqual([]);
      }
    },
  );

  it("hold the desks' navigation labels", () => {
    const layout = readFileSync(join(here, '..', 'components', 'Layout.tsx'), 'utf8');
    const keys = [...layout.matchAll(/\bkey: '([a-zA-Z.]+)'/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(5);
    for (const tree of [id, en]) {
      const known = new Set(keysOf(tree));
      expect(keys.filter((key) => !known.has(key))).toEqual([]);
    }
  });
});
