// The keys that link events into one case (framework-free; see case.rules.spec.ts).
import type { Person } from '@simpul/contracts';

export type CaseLinkKind = 'report' | 'interception' | 'nik' | 'passport';

export interface CaseLinkKey {
  kind: CaseLinkKind;
  value: string;
}

/** Keys of a person: NIK and passport number, exact (passport upper-cased, as the contract stores it). */
export function personKeys(person: Person): CaseLinkKey[] {
  const keys: CaseLinkKey[] = [];
  if (person.nik) keys.push({ kind: 'nik', value: person.nik });
  if (person.passportNumber) keys.push({ kind: 'passport', value: person.passportNumber.toUpperCase() });
  return keys;
}

/** Every key an event links by: report number, interception id, and each person's NIK and passport. */
export function caseKeys(input: {
  reportNumber?: string;
  interceptionId?: string;
  persons?: Person[];
}): CaseLinkKey[] {
  const keys: CaseLinkKey[] = [];
  if (input.reportNumber) keys.push({ kind: 'report', value: input.reportNumber });
  if (input.interceptionId) keys.push({ kind: 'interception', value: input.interceptionId });
  for (const person of input.persons ?? []) keys.push(...personKeys(person));
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = `${k.kind}:${k.value}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
