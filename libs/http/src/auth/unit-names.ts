import { readFileSync } from 'node:fs';

/** The lists of a reference units file that name units (docs/contract.md §10). */
const UNIT_LISTS = ['ministry', 'polda', 'checkpoints'] as const;

/**
 * Display name per unit id (`polda:riau` → `Polda Riau`) from a reference units file
 * (REFERENCE_UNITS_FILE; a local run: deploy/reference/units.json): arrays `ministry`, `polda` and
 * `checkpoints` of `{ id, name, … }`. Names of units, not personal data. An entry without a string
 * id and name is skipped (it has no display name); a file that is not a JSON object throws.
 */
export function unitNamesFromFile(path: string): ReadonlyMap<string, string> {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('REFERENCE_UNITS_FILE: expected a JSON object of unit lists');
  }
  const names = new Map<string, string>();
  for (const list of UNIT_LISTS) {
    const units = (parsed as Record<string, unknown>)[list];
    if (!Array.isArray(units)) continue;
    for (const unit of units as Array<{ id?: unknown; name?: unknown }>) {
      if (typeof unit?.id === 'string' && typeof unit.name === 'string') names.set(unit.id, unit.name);
    }
  }
  return names;
}
