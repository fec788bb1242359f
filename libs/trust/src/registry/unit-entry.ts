/**
 * One entry of the registry of units (`deploy/agencies.yaml`): an agency unit (a Polda, a
 * checkpoint, a ministry desk or service), a deployment that serves several of them, or the
 * operators' admin identity. Everything a unit is allowed to do on the bus is derived from this.
 */
export interface UnitEntry {
  /** `polda:riau`, `checkpoint:batam-center`, `ministry:service`, `police:gateway`, `admin:operator`. */
  id: string;
  /** Human name, for the permission matrix and handover notes. */
  name: string;
  /** CloudEvents `source` the unit signs its events as; absent for deployments and the admin. */
  source?: string;
  /** Exact NATS subjects the unit may publish events on (each owned by its `source`). */
  publish: string[];
  /** Durable consumers the unit may fetch from and acknowledge. */
  consumers: string[];
  /**
   * Units this identity serves (a deployment: one running service signing for several units):
   * unit ids, or `<kind>:*` for every unit of a kind. It may publish what they may publish.
   */
  serves: string[];
  /** False for units that only use the HTTP APIs (the ministry desk): no NATS user. */
  nats: boolean;
  /** The operators' identity: provisions streams and consumers, reads dead letters. */
  admin: boolean;
  /** Set (ISO date) when the unit was revoked: it keeps its place in the registry, but no credentials. */
  revoked?: string;
}

/**
 * An immigration site (docs/national-topology.md): one or more checkpoints served together. A
 * leaf site runs its own NATS leaf node and JetStream domain `site-<id>`; the checkpoints of a
 * non-leaf site are served from the hub.
 */
export interface SiteEntry {
  /** Short code: `batam`, `dumai`; the domain is `site-<id>`, the durables `immigration-<id>-*`. */
  id: string;
  /** Codes of the checkpoint units of the site (`batam-center` for `checkpoint:batam-center`). */
  checkpoints: string[];
  /** True when the site runs a leaf node of its own. */
  leaf: boolean;
}

export interface AgencyRegistry {
  units: UnitEntry[];
  /** The immigration sites; absent or empty in a registry made for the single-server run only. */
  sites?: SiteEntry[];
}

/** The sites of a registry (none when it lists none). */
export function sitesOf(registry: AgencyRegistry): SiteEntry[] {
  return registry.sites ?? [];
}

/** The JetStream domain of a leaf site: `site-<id>`. */
export function siteDomain(siteId: string): string {
  return `site-${siteId}`;
}

/** `polda:riau` → `polda-riau`: the file name of a unit's credentials and its inbox prefix. */
export function unitFileName(unitId: string): string {
  return unitId.replace(/:/g, '-');
}

/** The inbox prefix of a unit's connection: its permissions allow replies there and nowhere else. */
export function inboxPrefixOf(unitId: string): string {
  return `_INBOX_${unitFileName(unitId)}`;
}

/**
 * `police-<deployment>-matches` and `police-<deployment>-leads`: the checkpoint matches and the
 * patrol's findings of the police deployment `police:<deployment>`, read by that deployment alone (a
 * shared durable hands one deployment's matches or leads to another).
 */
export const POLICE_DEPLOYMENT_CONSUMER = /^police-([a-z0-9][a-z0-9-]*)-(?:matches|leads)$/;

export function activeUnits(registry: AgencyRegistry): UnitEntry[] {
  return registry.units.filter((unit) => !unit.revoked);
}

/** Units that get a NATS user: active, not HTTP-only. */
export function natsUsers(registry: AgencyRegistry): UnitEntry[] {
  return activeUnits(registry).filter((unit) => unit.nats);
}

/** The active units a deployment serves (its `serves` list with `<kind>:*` expanded). */
export function servedUnits(registry: AgencyRegistry, unit: UnitEntry): UnitEntry[] {
  const active = activeUnits(registry);
  return active.filter(
    (other) =>
      other.id !== unit.id &&
      unit.serves.some((pattern) =>
        pattern.endsWith(':*') ? other.id.startsWith(pattern.slice(0, -1)) : other.id === pattern,
      ),
  );
}

/** Every subject a unit's NATS user may publish events on: its own and its served units'. */
export function publishableSubjects(registry: AgencyRegistry, unit: UnitEntry): string[] {
  const subjects = new Set(unit.publish);
  for (const served of servedUnits(registry, unit)) for (const s of served.publish) subjects.add(s);
  return [...subjects].sort();
}
