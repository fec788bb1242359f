import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BusConnection, BusRuntime } from '@simpul/bus';
import { CurrentUnit, type Unit } from '@simpul/http';
import { assertServedCheckpointUnit } from '../../deployment/checkpoint-unit.js';
import { Clock } from '../../deployment/clock.js';
import { ServedCheckpoints } from '../../deployment/served-checkpoints.js';
import { WatchlistReplicaService, type IndexProgress } from '../watchlist-replica.service.js';
import { SiteLinkStatusService } from '../../deployment/site-link-status.js';
import { WATCHLIST_DURABLE } from '../watchlist.tokens.js';

/** The stream the watchlist durable reads: the hub's on a single server, the site's mirror at a leaf. */
const WATCHLIST_STREAM = 'MINISTRY';

/** How fresh this checkpoint's replica is (docs/contract.md §9: it says how stale it is). */
@ApiTags('watchlist')
@ApiBearerAuth()
@Controller('v1/watchlist')
export class WatchlistStatusHttpController {
  constructor(
    @Inject(WatchlistReplicaService) private readonly replica: WatchlistReplicaService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(BusConnection) private readonly connection: BusConnection,
    @Inject(BusRuntime) private readonly runtime: BusRuntime,
    @Inject(WATCHLIST_DURABLE) private readonly durable: string,
    @Inject(ServedCheckpoints) private readonly served: ServedCheckpoints,
    @Inject(SiteLinkStatusService) private readonly siteLink: SiteLinkStatusService,
  ) {}

  @Get('status')
  @ApiOkResponse({
    description:
      'entries: active entries held; lastSequence/lastAppliedAt: last applied MINISTRY stream position and when; ' +
      'consumerPending: messages not yet delivered (null when NATS is unreachable); lagSeconds: 0 when nothing is pending, ' +
      "else seconds since the last applied event (null when unknown). index: this instance's in-memory index " +
      'against the replica table: lastChange (last change_seq applied), tableChange, pendingChanges and ' +
      'lagSeconds (since the oldest pending change was written; null when the database is unreachable). ' +
      'site (docs/contract.md §11): id; leaf; link up|down (null: NATS unreachable); replicaLag.entries = the ' +
      "mirror's lag behind the hub plus consumerPending, replicaLag.seconds = seconds since the mirror last heard " +
      'from the hub while the link is down, else lagSeconds; waitingForHub = site events the hub has not sourced yet. ' +
      '403 AUTH.WRONG_UNIT unless the token is a checkpoint this deployment serves.',
  })
  async status(@CurrentUnit() unit: Unit): Promise<{
    entries: number;
    lastSequence: number;
    lastAppliedAt: string | null;
    lagSeconds: number | null;
    consumerPending: number | null;
    index: IndexProgress | null;
    site: {
      id: string;
      leaf: boolean;
      link: 'up' | 'down' | null;
      replicaLag: { entries: number | null; seconds: number | null };
      waitingForHub: number | null;
    };
  }> {
    assertServedCheckpointUnit(unit, this.served);
    const now = this.clock.now();
    const { sequence, asOf } = this.replica.status();
    const [pending, index, site] = await Promise.all([
      this.consumerPending(),
      this.replica.indexProgress().catch(() => null),
      this.siteLink.status(WATCHLIST_STREAM),
    ]);
    const sinceApplied = asOf ? Math.max(0, (now.getTime() - asOf.getTime()) / 1000) : null;
    const lagSeconds = pending === 0 ? 0 : sinceApplied;
    return {
      entries: this.replica.matcher.activeCount(now),
      lastSequence: sequence,
      lastAppliedAt: asOf?.toISOString() ?? null,
      lagSeconds,
      consumerPending: pending,
      index,
      site: {
        id: site.id,
        leaf: site.leaf,
        link: site.link,
        replicaLag: {
          entries: pending === null || site.mirror.lag === null ? null : pending + site.mirror.lag,
          seconds: site.link === 'down' ? site.mirror.lastContactSeconds : lagSeconds,
        },
        waitingForHub: site.waitingForHub,
      },
    };
  }

  private async consumerPending(): Promise<number | null> {
    if (!this.connection.isConnected()) return null;
    try {
      const runner = this.runtime.instance.runners.get(this.durable);
      if (!runner) return null;
      const lag = await Promise.race([
        runner.lag(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref()),
      ]);
      return lag.pending + lag.ackPending;
    } catch {
      return null;
    }
  }
}
