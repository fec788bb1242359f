import { readFileSync } from 'node:fs';
import { servedPoldas, type PoldaUnit } from './served-poldas.rules.js';

/**
 * Every Polda of the reference units file (REFERENCE_UNITS_FILE, docs/contract.md §10; a local run
 * uses deploy/reference/units.json): what `POLICE_UNITS` is checked against.
 */
export function referencePoldas(path: string): PoldaUnit[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { polda?: unknown };
  if (!Array.isArray(parsed.polda)) throw new Error('REFERENCE_UNITS_FILE: expected a polda list');
  return parsed.polda.map((unit: unknown) => {
    const u = unit as Partial<PoldaUnit>;
    if (typeof u.code !== 'string' || u.id !== `polda:${u.code}` || u.source !== `/polri/polda/${u.code}`) {
      throw new Error('REFERENCE_UNITS_FILE: a Polda has an invalid code, id or source');
    }
    return { code: u.code, id: u.id, source: u.source };
  });
}

/** The Polda this deployment serves, from `POLICE_UNITS` (empty = all of the reference units). */
export function loadServedPoldas(policeUnits: string, referenceUnitsFile: string): PoldaUnit[] {
  return servedPoldas(referencePoldas(referenceUnitsFile), policeUnits);
}
