import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import {
  groupPrevention,
  STATS_GROUP_BY,
  type PreventionFact,
  type PreventionGroup,
  type StatsGroupBy,
} from '../prevented-departures.rules.js';
import { REFERENCE_CHECKPOINTS } from '../reference-checkpoints.js';
import { QueryReader } from '@simpul/http';

@ApiTags('stats')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/stats')
export class PreventedDeparturesHttpController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(REFERENCE_CHECKPOINTS) private readonly checkpoints: ReadonlySet<string>,
  ) {}

  /**
   * Prevented departures (docs/contract.md §5 end): foiled candidateCount plus one per delay, each event
   * once, every figure traceable to its event ids. `from` inclusive, `to` exclusive, on occurredAt.
   */
  @Get('prevented-departures')
  @ApiOperation({
    summary: 'Prevented departures by polda, checkpoint or month, with the events behind each figure.',
  })
  @ApiQuery({ name: 'groupBy', required: false, enum: STATS_GROUP_BY })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601 date-time with a zone (inclusive)' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601 date-time with a zone (exclusive)' })
  async get(@Query() query: Record<string, unknown>): Promise<{
    groupBy: StatsGroupBy;
    from: string | null;
    to: string | null;
    total: number;
    groups: PreventionGroup[];
  }> {
    const reader = new QueryReader(query);
    const groupBy = reader.oneOf('groupBy', STATS_GROUP_BY, 'polda')!;
    const from = reader.instant('from');
    const to = reader.instant('to');
    reader.done();
    const rows: Array<{
      event_id: string;
      kind: 'foiled' | 'delayed';
      polda: string | null;
      checkpoint: string | null;
      occurred_at: Date;
      prevented: number;
    }> = await this.dataSource.query(
      `SELECT * FROM ministry_prevented_departure
        WHERE ($1::timestamptz IS NULL OR occurred_at >= $1) AND ($2::timestamptz IS NULL OR occurred_at < $2)
        ORDER BY occurred_at, event_id`,
      [from ?? null, to ?? null],
    );
    const facts: PreventionFact[] = rows.map((r) => ({
      eventId: r.event_id,
      kind: r.kind,
      polda: r.polda,
      checkpoint: r.checkpoint,
      occurredAt: r.occurred_at,
      prevented: r.prevented,
    }));
    const groups = groupPrevention(facts, groupBy, this.checkpoints);
    return {
      groupBy,
      from: from?.toISOString() ?? null,
      to: to?.toISOString() ?? null,
      total: groups.reduce((sum, g) => sum + g.prevented, 0),
      groups,
    };
  }
}
