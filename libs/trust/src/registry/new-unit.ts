import { isMap } from 'yaml';
import { EVENT_REGISTRY, checkpointSource, poldaSource, type EventTypeInfo } from '@simpul/contracts';
import { editRegistryFile, RegistryError, unitNode, unitsSequence } from './agencies-file.js';
import type { AgencyRegistry, UnitEntry } from './unit-entry.js';

export type OnboardableKind = 'polda' | 'checkpoint';

const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The subjects a Polda or checkpoint publishes: every event type carrying its kind's unit token. */
export function eventSubjectsOf(kind: OnboardableKind, code: string): string[] {
  return (Object.values(EVENT_REGISTRY) as EventTypeInfo[])
    .filter((info) => info.unitField === kind)
    .map((info) => info.subjectTemplate.replace(`{${kind}}`, code));
}

/** The registry entry of a new Polda or checkpoint, as onboarding writes it. */
export function newUnitEntry(kind: OnboardableKind, code: string, name?: string): UnitEntry {
  if (!CODE.test(code)) throw new RegistryError(`code '${code}' must match ${CODE}`);
  const id = `${kind}:${code}`;
  return {
    id,
    name: name ?? (kind === 'polda' ? `Polda ${code}` : `TPI ${code}`),
    source: kind === 'polda' ? poldaSource(code) : checkpointSource(code),
    publish: eventSubjectsOf(kind, code),
    // A checkpoint deployed on its own reads its site's watchlist and delays.
    consumers: kind === 'checkpoint' ? [`immigration-${code}-watchlist`, `immigration-${code}-delays`] : [],
    serves: [],
    nats: true,
    admin: false,
  };
}

/**
 * Adds a Polda or checkpoint to the registry file (or reinstates one that was revoked). Refuses a
 * unit that is already active. Returns the new registry.
 */
export function addUnitToRegistry(
  file: string,
  kind: OnboardableKind,
  code: string,
  name?: string,
): { registry: AgencyRegistry; reinstated: boolean } {
  const entry = newUnitEntry(kind, code, name);
  let reinstated = false;
  const registry = editRegistryFile(file, (document) => {
    const existing = unitNode(document, entry.id);
    if (existing && isMap(existing)) {
      if (!existing.has('revoked')) throw new RegistryError(`${entry.id} is already registered and active`);
      existing.delete('revoked');
      reinstated = true;
      return;
    }
    const { serves: _s, nats: _n, admin: _a, ...written } = entry;
    unitsSequence(document).add(document.createNode(written));
  });
  return { registry, reinstated };
}

/** Marks a unit revoked in the registry file (it keeps its entry, for the record). */
export function revokeUnitInRegistry(file: string, unitId: string, at: Date = new Date()): AgencyRegistry {
  return editRegistryFile(file, (document) => {
    const node = unitNode(document, unitId);
    if (!node || !isMap(node)) throw new RegistryError(`${unitId} is not in the registry`);
    if (node.has('revoked')) throw new RegistryError(`${unitId} is already revoked`);
    node.set('revoked', at.toISOString());
  });
}
