// Which Polda one police deployment serves (docs/contract.md §5: it signs with the key of each one).
// Framework-free so the decision is unit-tested.

/** A Polda of the reference units (`units.json`). */
export interface PoldaUnit {
  /** Unit token, e.g. `riau`. */
  code: string;
  /** Unit id, e.g. `polda:riau`. */
  id: string;
  /** CloudEvents source, e.g. `/polri/polda/riau`. */
  source: string;
}

/**
 * The Polda a deployment serves: every known one when `configured` is empty, else the listed codes
 * (comma-separated, duplicates ignored). An unknown code is a configuration error, named in the
 * thrown message (codes are not personal data).
 */
export function servedPoldas(known: readonly PoldaUnit[], configured: string): PoldaUnit[] {
  const codes = [
    ...new Set(
      configured
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c.length > 0),
    ),
  ];
  if (codes.length === 0) return [...known];
  const unknown = codes.filter((code) => !known.some((unit) => unit.code === code));
  if (unknown.length > 0) throw new Error(`POLICE_UNITS names unknown Polda: ${unknown.join(', ')}`);
  return codes.map((code) => known.find((unit) => unit.code === code)!);
}
