import { isMap, isSeq, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
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
 * unit that is already active. A new checkpoint of a registry that lists sites joins `site` (created
 * as a non-leaf site when the registry has none of that id), or by default the first non-leaf
 * site; the site's deployment `immigration:<site>`, when registered, serves it. Returns the new
 * registry.
 */
export function addUnitToRegistry(
  file: string,
  kind: OnboardableKind,
  code: string,
  name?: string,
  site?: string,
): { registry: AgencyRegistry; reinstated: boolean } {
  const entry = newUnitEntry(kind, code, name);
  if (site !== undefined && kind !== 'checkpoint')
    throw new RegistryError(`--site: only a checkpoint joins a site, not a ${kind}`);
  let reinstated = false;
  const registry = editRegistryFile(file, (document) => {
    if (kind === 'checkpoint') joinSite(document, code, site);
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

/**
 * Puts a new checkpoint into a site of the registry document: `siteId`, made as a non-leaf site
 * with its deployment `immigration:<siteId>` when missing, or the first non-leaf site. A checkpoint
 * already in a site (reinstated) stays where it is.
 */
function joinSite(document: Document, code: string, siteId: string | undefined): void {
  const plain = (
    document.toJS() as { sites?: Array<{ id?: unknown; checkpoints?: unknown; leaf?: unknown }> }
  ).sites;
  if (plain === undefined && siteId === undefined) return; // a single-server registry: no sites
  if (plain?.some((s) => Array.isArray(s.checkpoints) && s.checkpoints.includes(code))) return;
  const target = siteId ?? plain?.find((s) => s.leaf === false)?.id;
  if (typeof target !== 'string')
    throw new RegistryError(`checkpoint:${code}: the registry has no non-leaf site: pass --site <id>`);
  if (!isSeq(document.get('sites'))) document.set('sites', document.createNode([]));
  const sites = document.get('sites') as YAMLSeq;
  const site = sites.items.find((item) => isMap(item) && item.get('id') === target) as YAMLMap | undefined;
  if (site) (site.get('checkpoints') as YAMLSeq).add(code);
  else sites.add(document.createNode({ id: target, checkpoints: [code], leaf: false }));

  const deploymentId = `immigration:${target}`;
  const deployment = unitNode(document, deploymentId);
  if (deployment && isMap(deployment)) {
    const serves = deployment.get('serves');
    if (isSeq(serves)) serves.add(`checkpoint:${code}`);
    else deployment.set('serves', document.createNode([`checkpoint:${code}`]));
  } else {
    unitsSequence(document).add(
      document.createNode({
        id: deploymentId,
        name: `Immigration deployment of site ${target}`,
        serves: [`checkpoint:${code}`],
        consumers: [`immigration-${target}-watchlist`, `immigration-${target}-delays`],
      }),
    );
  }
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
