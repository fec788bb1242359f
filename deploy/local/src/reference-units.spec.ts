import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';
import { allUnitIds, loadReferenceUnits, referenceUnitsPath } from './reference-units.js';

describe('reference units', () => {
  it('knows every Polda, the checkpoints and the ministry desk', () => {
    const ids = allUnitIds(loadReferenceUnits());
    expect(ids).toEqual(expect.arrayContaining(['polda:riau', 'checkpoint:batam-center', 'ministry:desk']));
    expect(loadReferenceUnits().polda).toHaveLength(36);
  });

  it('reads only the copy committed in the repository', () => {
    expect(referenceUnitsPath()).toBe(join(REPO_ROOT, 'deploy', 'reference', 'units.json'));
  });
});
