import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export interface ReferenceUnit {
  /** `polda:riau`, `checkpoint:batam-center`, `ministry:desk`. */
  id: string;
  /** The unit token (`riau`, `batam-center`); absent for ministry units. */
  code?: string;
  name: string;
  /** CloudEvents source of the unit's events. */
  source: string;
}

export interface ReferenceUnits {
  ministry: ReferenceUnit[];
  polda: ReferenceUnit[];
  checkpoints: (ReferenceUnit & { polda: string })[];
}

/**
 * Every Polda and checkpoint of a local run (docs/contract.md §10), committed in deploy/reference/.
 * The launcher hands this path to the services (REFERENCE_UNITS_FILE): they have no default of their
 * own inside the repository.
 */
export function referenceUnitsPath(): string {
  return join(REPO_ROOT, 'deploy', 'reference', 'units.json');
}

export function loadReferenceUnits(path = referenceUnitsPath()): ReferenceUnits {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as ReferenceUnits;
  for (const list of [parsed.ministry, parsed.polda, parsed.checkpoints]) {
    if (!Array.isArray(list)) throw new Error(`${path}: expected ministry, polda and checkpoints lists`);
    for (const unit of list) {
      if (
        typeof unit.id !== 'string' ||
        !/^[a-z]+:[a-z0-9-]+$/.test(unit.id) ||
        typeof unit.source !== 'string'
      ) {
        throw new Error(`${path}: a unit has an invalid id or source`);
      }
    }
  }
  return parsed;
}

/** Every unit id the local registry knows. */
export function allUnitIds(units: ReferenceUnits): string[] {
  return [...units.ministry, ...units.polda, ...units.checkpoints].map((unit) => unit.id);
}
