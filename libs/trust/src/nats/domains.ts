/** The JetStream domain of the hub cluster in the national topology (sites: `site-<id>`). */
export const HUB_DOMAIN = 'hub';

/** The hub's cluster name; hub nodes are `hub-1`..`hub-3`. */
export const HUB_CLUSTER = 'hub';

/** The application account every unit's user is in, and the system account. */
export const APP_ACCOUNT = 'SIMPUL';
export const SYSTEM_ACCOUNT = 'SYS';

/** The user of a leaf site's link at the hub. */
export function leafUserOf(siteId: string): string {
  return `leaf-${siteId}`;
}

/** The stream of a leaf site's own events, in its domain: `IMMIGRATION_<SITE>` (`-` as `_`). */
export function siteStreamName(siteId: string): string {
  return `IMMIGRATION_${siteId.toUpperCase().replace(/-/g, '_')}`;
}
