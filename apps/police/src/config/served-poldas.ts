import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './police.config.js';
import { servedPoldas, type PoldaUnit } from './served-poldas.rules.js';

/**
 * Every Polda of the reference units (docs/contract.md §10): `../shared/data/units.json` beside the
 * repository when present, else the copy in deploy/reference/ (same rule as deploy/local's loader).
 */
export function referencePoldas(root = REPO_ROOT): PoldaUnit[] {
  const shared = join(root, '..', 'shared', 'data', 'units.json');
  const path = existsSync(shared) ? shared : join(root, 'deploy', 'reference', 'units.json');
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { polda?: unknown };
  if (!Array.isArray(parsed.polda)) throw new Error(`${path}: expected a polda list`);
  return parsed.polda.map((unit: unknown) => {
    const u = unit as Partial<PoldaUnit>;
    if (typeof u.code !== 'string' || u.id !== `polda:${u.code}` || u.source !== `/polri/polda/${u.code}`) {
      throw new Error(`${path}: a Polda has an invalid code, id or source`);
    }
    return { code: u.code, id: u.id, source: u.source };
  });
}

/** The Polda this deployment serves, from `POLICE_UNITS` (empty = all of the reference units). */
export function loadServedPoldas(policeUnits: string): PoldaUnit[] {
  return servedPoldas(referencePoldas(), policeUnits);
}
