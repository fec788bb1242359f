import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BusConnection, BusRuntime } from '@simpul/bus';
import { CurrentUnit, type Unit } from '@simpul/http';
import { assertServedCheckpointUnit } from '../../deployment/checkpoint-unit.js';
import { Clock } from '../../deployment/clock.js';
import { ServedCheckpoints } from '../../deployment/served-checkpoints.js';
import { WatchlistReplicaService, type IndexProgress } from '../watchlist-replica.service.js';
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
    @Inject(ServedCheckpoints) private readonly served: ServedCheckpoints,
  ) {}

  @Get('status')
  @ApiOkResponse({
    description:
      'entries: active entries held; lastSequence/lastAppliedAt: last applied MINISTRY stream position and when; ' +
      'consumerPending: messages not yet delivered (null when NATS is unreachable); lagSeconds: 0 when nothing is pending, ' +
      "else seconds since the last applied event (null when unknown). index: this instance's in-memory index " +
      'against the replica table: lastChange (last change_seq applied), tableChange, pendingChanges and ' +
      'lagSeconds (since the oldest pending change was written; null when the database is unreachable). ' +
      '403 AUTH.WRONG_UNIT unless the token is a checkpoint this deployment serves.',
  })
  async status(@CurrentUnit() unit: Unit): Promise<{
    entries: number;
    lastSequence: number;
    lastAppliedAt: string | null;
    lagSeconds: number | null;
    consumerPending: number | null;
    index: IndexProgress | null;
  }> {
    assertServedCheckpointUnit(unit, this.served);
    const now = this.clock.now();
    const { sequence, asOf } = this.replica.status();
    const [pending, index] = await Promise.all([
      this.consumerPending(),
      this.replica.indexProgress().catch(() => null),
    ]);
    const sinceApplied = asOf ? Math.max(0, (now.getTime() - asOf.getTime()) / 1000) : null;
    return {
      entries: this.replica.matcher.activeCount(now),
      lastSequence: sequence,
      lastAppliedAt: asOf?.toISOString() ?? null,
      lagSeconds: pending === 0 ? 0 : sinceApplied,
      consumerPending: pending,
      index,
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
