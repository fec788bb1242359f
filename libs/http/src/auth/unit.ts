/** The unit a caller acts for, from its bearer token: a Polda, a checkpoint, or a ministry desk. */
export interface Unit {
  /** Unit id as in units.json: `polda:riau`, `checkpoint:batam-center`, `ministry:desk`. */
  id: string;
  /** The part before the colon: `polda`, `checkpoint`, `ministry`. */
  kind: string;
  /** The part after the colon: the unit token used in subjects (`riau`, `batam-center`, `desk`). */
  code: string;
}

export function unitFromId(id: string): Unit {
  const colon = id.indexOf(':');
  return { id, kind: id.slice(0, colon), code: id.slice(colon + 1) };
}
