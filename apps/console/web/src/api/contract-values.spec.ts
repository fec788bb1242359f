import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import * as contracts from '@simpul/contracts';
import * as copied from './contract-values';

/** An `export const NAME = [ '...', ... ]` list of another app's source (apps never import each other). */
function listIn(file: string, name: string): string[] {
  const source = readFileSync(new URL(`../../../../../${file}`, import.meta.url), 'utf8');
  const literal = new RegExp(`export const ${name} = \\[([^\\]]*)\\]`).exec(source)?.[1];
  if (!literal) throw new Error(`${name} not found in ${file}`);
  return [...literal.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

describe("the console's copies of the contract's lists", () => {
  it.each([
    'SEXES',
    'SUSPECT_STATUSES',
    'SUSPECT_ROLES',
    'WATCHLIST_LEGAL_TYPES',
    'WATCHLIST_ACTIONS',
    'COMPANY_SANCTIONS',
    'STATED_PURPOSES',
  ] as const)('%s equals @simpul/contracts', (name) => {
    expect([...copied[name]]).toEqual([...contracts[name]]);
  });

  it("OUTCOMES equals the immigration service's", () => {
    expect([...copied.OUTCOMES]).toEqual(
      listIn('apps/immigration/src/screening/record-outcome/record-outcome.rules.ts', 'OUTCOMES'),
    );
  });

  it("REIDENTIFY_PURPOSES equals the ministry's", () => {
    expect([...copied.REIDENTIFY_PURPOSES]).toEqual(
      listIn('apps/ministry/src/identities/reidentify/reidentify.rules.ts', 'REIDENTIFY_PURPOSES'),
    );
  });

  it('offers read purposes the services accept (lower-case words)', () => {
    for (const purpose of copied.READ_PURPOSES) expect(purpose).toMatch(/^[a-z][a-z0-9_.-]{0,63}$/);
  });
});
