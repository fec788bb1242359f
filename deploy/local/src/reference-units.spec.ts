import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';
import { allUnitIds, loadReferenceUnits } from './reference-units.js';

const committed = join(REPO_ROOT, 'deploy', 'reference', 'units.json');
const shared = join(REPO_ROOT, '..', 'shared', 'data', 'units.json');

describe('reference units', () => {
  it('knows every Polda, the checkpoints and the ministry desk', () => {
    const ids = allUnitIds(loadReferenceUnits(committed));
    expect(ids).toEqual(expect.arrayContaining(['polda:riau', 'checkpoint:batam-center', 'ministry:desk']));
    expect(loadReferenceUnits(committed).polda).toHaveLength(36);
  });

  // The committed copy stands in for ../shared/data/units.json on a clone without it: keep them equal.
  it('keeps the committed copy equal to the shared reference data when that is present', () => {
    const expected = existsSync(shared) ? readFileSync(shared, 'utf8') : readFileSync(committed, 'utf8');
    expect(JSON.parse(readFileSync(committed, 'utf8'))).toEqual(JSON.parse(expected));
  });
});
