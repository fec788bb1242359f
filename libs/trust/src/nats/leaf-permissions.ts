import { siteDomain } from '../registry/unit-entry.js';
import { HUB_DOMAIN } from './domains.js';
import type { NatsPermissions } from './permissions.js';

/**
 * What a leaf site's link may do at the hub, from the site's side (nats-server reverses them inside
 * the hub): exactly the JetStream traffic of the site's mirrors of hub streams and of the hub's
 * source of the site's own stream (nats-server 2.9.10, server/stream.go and consumer.go):
 * - the site's mirrors create their consumers at the hub
 *   (`$JS.hub.API.CONSUMER.CREATE.<stream>.<name>.<filter>`: only with the mirror's filter, which the
 *   server checks against the request, so a site can read no other subject of the stream), receive
 *   on `$JS.M.<id>` and answer flow control on `$JS.FC.<hub stream>.<consumer>.<id>`;
 * - the hub's source creates its consumer at the site
 *   (`$JS.site-<id>.API.CONSUMER.CREATE.<site stream>`), which delivers on `$JS.S.<id>` and gets
 *   flow control answers on `$JS.FC.<site stream>.>`;
 * - consumer-create answers travel on `$JSC.R.<id>` both ways;
 * - the site's deployment asks the hub how far its aggregate's source of the site is
 *   (`$JS.hub.API.STREAM.INFO.IMMIGRATION`: counts and positions, no message) for
 *   `/v1/watchlist/status`, and the answer comes back on that unit's own inbox prefix.
 * No event subject, no other API: the site can make the hub store nothing, and the hub can reach
 * nothing at the site but the creation of the source consumer of its own stream. (Deliveries on
 * `$JS.M.>` and answers on `$JSC.R.>` carry random ids and cannot be narrowed to one site: what a
 * site could see there is what every site mirrors.)
 */
export function leafLinkPermissions(
  siteId: string,
  siteStream: string,
  mirrors: ReadonlyArray<{ stream: string; filterSubject: string }>,
  /** Inbox prefixes (`_INBOX_<unit>`) of the units that connect at the site. */
  siteInboxes: readonly string[] = [],
): NatsPermissions {
  const hubApi = `$JS.${HUB_DOMAIN}.API`;
  const siteApi = `$JS.${siteDomain(siteId)}.API`;
  return {
    publish: [
      ...mirrors.flatMap(({ stream, filterSubject }) => [
        // The filtered create only: the server refuses a config whose filter is not the subject's.
        `${hubApi}.CONSUMER.CREATE.${stream}.*.${filterSubject}`,
        `$JS.FC.${stream}.>`,
      ]),
      '$JS.S.>',
      '$JSC.R.>',
      `${hubApi}.STREAM.INFO.IMMIGRATION`,
    ],
    subscribe: [
      `${siteApi}.CONSUMER.CREATE.${siteStream}`,
      `$JS.FC.${siteStream}.>`,
      '$JS.M.>',
      '$JSC.R.>',
      ...siteInboxes.map((prefix) => `${prefix}.>`),
    ],
  };
}
