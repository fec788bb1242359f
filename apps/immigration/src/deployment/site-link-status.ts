import { Inject, Injectable } from '@nestjs/common';
import { BusConnection } from '@simpul/bus';
import { ImmigrationConfig } from '../config/immigration.config.js';

/** How a site stands against the hub (docs/contract.md §11), as `/v1/watchlist/status` reports it. */
export interface SiteLinkStatus {
  id: string;
  /** True when the site runs its own leaf node; false when its deployment connects to the hub. */
  leaf: boolean;
  /** Whether the hub answers through the site's link; null when this instance's NATS is unreachable. */
  link: 'up' | 'down' | null;
  /** Watchlist messages the hub has that the site's mirror does not yet (as last known), and how long since it last heard from the hub. */
  mirror: { lag: number | null; lastContactSeconds: number | null };
  /**
   * Events stored at the site that the hub has not yet sourced: exact while the link is up; while
   * it is down, counted from the last position the hub reported to this instance (null when this
   * instance never saw the link up).
   */
  waitingForHub: number | null;
}

const PROBE_TIMEOUT_MS = 1000;

interface StreamInfoReply {
  error?: { code: number };
  state?: { last_seq: number };
  mirror?: { lag: number; active: number };
  sources?: Array<{ name: string; lag: number; external?: { api: string } }>;
}

/**
 * Reads the site's standing from NATS only, so every instance of a site answers alike: the link is
 * up when the hub's JetStream API answers through it; the mirror's lag and last contact come from
 * the site's own `MINISTRY` mirror; the events waiting from the hub's `IMMIGRATION` aggregate,
 * whose source of this site's stream says how far behind it is. On a deployment connected to the
 * hub (no hub domain configured) nothing can be cut: link up, nothing waiting.
 */
@Injectable()
export class SiteLinkStatusService {
  /** The site-stream sequence the hub had sourced up to, when it last told us. */
  private hubPosition: number | undefined;

  constructor(
    @Inject(ImmigrationConfig) private readonly config: ImmigrationConfig,
    @Inject(BusConnection) private readonly connection: BusConnection,
  ) {}

  async status(watchlistStream: string): Promise<SiteLinkStatus> {
    const id = this.config.IMMIGRATION_SITE;
    const hubDomain = this.config.IMMIGRATION_HUB_DOMAIN;
    if (!hubDomain) {
      return { id, leaf: false, link: 'up', mirror: { lag: 0, lastContactSeconds: 0 }, waitingForHub: 0 };
    }
    if (!this.connection.isConnected()) {
      return {
        id,
        leaf: true,
        link: null,
        mirror: { lag: null, lastContactSeconds: null },
        waitingForHub: null,
      };
    }
    const siteStream = this.config.IMMIGRATION_SITE_STREAM;
    const [mirror, local, hub] = await Promise.all([
      this.streamInfo(`$JS.API.STREAM.INFO.${watchlistStream}`),
      this.streamInfo(`$JS.API.STREAM.INFO.${siteStream}`),
      this.streamInfo(`$JS.${hubDomain}.API.STREAM.INFO.IMMIGRATION`),
    ]);
    const lastSeq = local?.state?.last_seq;
    const source = hub?.sources?.find((s) => s.name === siteStream);
    if (source && lastSeq !== undefined) this.hubPosition = Math.max(0, lastSeq - source.lag);
    const waitingForHub = source
      ? source.lag
      : lastSeq !== undefined && this.hubPosition !== undefined
        ? Math.max(0, lastSeq - this.hubPosition)
        : null;
    return {
      id,
      leaf: true,
      link: hub ? 'up' : 'down',
      mirror: {
        lag: mirror?.mirror ? mirror.mirror.lag : null,
        // `active` is nanoseconds since the mirror last heard from its origin.
        lastContactSeconds: mirror?.mirror ? Math.round(mirror.mirror.active / 1e8) / 10 : null,
      },
      waitingForHub,
    };
  }

  /** A STREAM.INFO request; undefined when it is not answered in time or answers an error. */
  private async streamInfo(subject: string): Promise<StreamInfoReply | undefined> {
    try {
      const reply = await this.connection.nc.request(subject, undefined, { timeout: PROBE_TIMEOUT_MS });
      const body = reply.json<StreamInfoReply>();
      return body.error ? undefined : body;
    } catch {
      return undefined;
    }
  }
}
