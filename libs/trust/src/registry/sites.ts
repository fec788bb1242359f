import type { SiteEntry, UnitEntry } from './unit-entry.js';

/** A site id becomes a JetStream domain (`site-<id>`) and durable names: NATS-name-safe, like a unit code. */
export const SITE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const KNOWN_SITE_FIELDS = new Set(['id', 'checkpoints', 'leaf']);
/** `local` is the single-server run's deployment (`immigration:local`); `hub` names the hub's own stream. */
const RESERVED_SITE_IDS = new Set(['local', 'hub']);

/**
 * Checks the `sites` list of the registry against its units: every site names checkpoint units of
 * the registry, and every checkpoint unit is in exactly one site (so each checkpoint's subjects are
 * stored in exactly one place in the national topology). A registry without `sites` is one for the
 * single-server run only. `fail` throws, naming the path and the rule.
 */
export function validateSites(
  raw: unknown,
  units: readonly UnitEntry[],
  fail: (path: string, rule: string) => never,
): SiteEntry[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return fail('sites', 'must be a list');
  const checkpointCodes = new Set(
    units.filter((u) => u.id.startsWith('checkpoint:')).map((u) => u.id.slice('checkpoint:'.length)),
  );
  const siteOf = new Map<string, string>();
  const ids = new Set<string>();
  const sites = (raw as unknown[]).map((value, index): SiteEntry => {
    const path = `sites[${index}]`;
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return fail(path, 'must be a mapping');
    const entry = value as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      if (!KNOWN_SITE_FIELDS.has(key)) fail(`${path}.${key}`, 'is not a known field');
    }
    const id = entry.id;
    if (typeof id !== 'string' || !SITE_ID.test(id)) return fail(`${path}.id`, `must match ${SITE_ID}`);
    if (RESERVED_SITE_IDS.has(id))
      fail(`${path}.id`, `'${id}' is reserved (local: the single-server run; hub: the hub's own stream)`);
    if (ids.has(id)) fail(`${path}.id`, `'${id}' is listed twice`);
    ids.add(id);
    const at = `${path} (${id})`;
    const checkpoints = entry.checkpoints;
    if (
      !Array.isArray(checkpoints) ||
      checkpoints.length === 0 ||
      !checkpoints.every((c) => typeof c === 'string')
    )
      return fail(`${at}.checkpoints`, 'must be a non-empty list of checkpoint codes');
    (checkpoints as string[]).forEach((code, i) => {
      if (!checkpointCodes.has(code))
        fail(
          `${at}.checkpoints[${i}]`,
          `'${code}' is not a checkpoint unit of the registry (checkpoint:${code})`,
        );
      const other = siteOf.get(code);
      if (other !== undefined)
        fail(
          `${at}.checkpoints[${i}]`,
          `'${code}' is already in site ${other}: a checkpoint is in exactly one site`,
        );
      siteOf.set(code, id);
    });
    const leaf = entry.leaf;
    if (typeof leaf !== 'boolean') fail(`${at}.leaf`, 'must be true or false');
    return { id, checkpoints: [...(checkpoints as string[])], leaf: leaf as boolean };
  });
  // A site's deployment signs for the site's checkpoints only: its events are stored at its site.
  units.forEach((unit, index) => {
    const site = sites.find((s) => unit.id === `immigration:${s.id}`);
    unit.serves.forEach((pattern, i) => {
      if (site && !(pattern.startsWith('checkpoint:') && site.checkpoints.includes(pattern.slice(11))))
        fail(
          `units[${index}] (${unit.id}).serves[${i}]`,
          `'${pattern}' is not a checkpoint of site ${site.id}: a site's deployment serves its own checkpoints`,
        );
    });
  });
  if (sites.length > 0) {
    for (const code of checkpointCodes) {
      if (!siteOf.has(code))
        fail('sites', `checkpoint:${code} is in no site: a checkpoint is in exactly one site`);
    }
  }
  return sites;
}

/** The site a checkpoint code belongs to, if the registry lists sites. */
export function siteOfCheckpoint(sites: readonly SiteEntry[], code: string): SiteEntry | undefined {
  return sites.find((site) => site.checkpoints.includes(code));
}
