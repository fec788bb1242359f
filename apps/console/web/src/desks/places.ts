import units from '../../../../../deploy/reference/units.json';

/**
 * The Poldas and checkpoints the desks' selects offer, read from the reference units at build time
 * (deploy/reference/units.json) rather than copied, so the lists cannot drift from the units the
 * services are registered with. Names are proper names: shown as written, in either language.
 */
export interface Place {
  code: string;
  name: string;
}

const places = (list: { code: string; name: string }[]): Place[] =>
  list.map(({ code, name }) => ({ code, name }));

export const POLDAS: Place[] = places(units.polda);
export const CHECKPOINTS: Place[] = places(units.checkpoints);

/** The name of a Polda or checkpoint code, or the code itself when it is not a reference unit. */
export function placeName(code: string): string {
  return [...POLDAS, ...CHECKPOINTS].find((p) => p.code === code)?.name ?? code;
}
