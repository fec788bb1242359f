import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BusConnection, BusRuntime } from '@simpul/bus';
import { Clock } from '../../shared/clock.js';
import { WatchlistReplicaService } from '../watchlist-replica.service.js';
import { WATCHLIST_DURABLE } from '../watchlist.tokens.js';

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
  ) {}

  @Get('status')
  @ApiOkResponse({
    description:
      'entries: active entries held; lastSequence/lastAppliedAt: last applied MINISTRY stream position and when; ' +
      'consumerPending: messages not yet delivered (null when NATS is unreachable); lagSeconds: 0 when nothing is pending, ' +
      'else seconds since the last applied event (null when unknown).',
  })
  async status(): Promise<{
    entries: number;
    lastSequence: number;
    lastAppliedAt: string | null;
    lagSeconds: number | null;
    consumerPending: number | null;
  }> {
    const now = this.clock.now();
    const { sequence, asOf } = this.replica.status();
    const pending = await this.consumerPending();
    const sinceApplied = asOf ? Math.max(0, (now.getTime() - asOf.getTime()) / 1000) : null;
    return {
      entries: this.replica.matcher.activeCount(now),
      lastSequence: sequence,
      lastAppliedAt: asOf?.toISOString() ?? null,
      lagSeconds: pending === 0 ? 0 : sinceApplied,
      consumerPending: pending,
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
