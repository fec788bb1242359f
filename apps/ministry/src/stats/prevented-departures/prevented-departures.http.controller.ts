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
import { groupFieldWork, placeOfRegion, type FieldWorkFigure } from '../field-work-figures.rules.js';
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
   * Beside them the field work's own figures (§13), never added into the prevented total: victims
   * the rapid response team assisted (traced to the dispatch events) and people a P4MI post returned
   * home (traced to the checkpoint matches that opened the referrals), on when each was recorded.
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
    assisted: FieldWorkFigure;
    returnedHome: FieldWorkFigure;
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
    const [assisted, returnedHome] = await Promise.all([
      this.fieldWork(
        `SELECT event_id, region, reported_at AS at, victims_assisted AS count FROM ministry_dispatch
          WHERE outcome = 'victims_assisted'
            AND ($1::timestamptz IS NULL OR reported_at >= $1) AND ($2::timestamptz IS NULL OR reported_at < $2)
          ORDER BY reported_at, event_id`,
        from,
        to,
      ),
      // A referral's checkpoint is its place; its Polda is the region of its case (where the case opened).
      this.fieldWork(
        `SELECT r.event_id, r.checkpoint, c.region, r.outcome_at AS at, 1 AS count
           FROM ministry_referral r JOIN ministry_case c ON c.id = r.case_id
          WHERE r.outcome = 'returned_home'
            AND ($1::timestamptz IS NULL OR r.outcome_at >= $1) AND ($2::timestamptz IS NULL OR r.outcome_at < $2)
          ORDER BY r.outcome_at, r.event_id`,
        from,
        to,
      ),
    ]);
    return {
      groupBy,
      from: from?.toISOString() ?? null,
      to: to?.toISOString() ?? null,
      total: groups.reduce((sum, g) => sum + g.prevented, 0),
      groups,
      assisted: groupFieldWork(assisted, groupBy),
      returnedHome: groupFieldWork(returnedHome, groupBy),
    };
  }

  /** Facts of a field-work figure: rows of `event_id`, `region`, optional `checkpoint`, `at`, `count`. */
  private async fieldWork(sql: string, from: Date | undefined, to: Date | undefined) {
    const rows: Array<{
      event_id: string;
      region: string | null;
      checkpoint?: string;
      at: Date;
      count: number;
    }> = await this.dataSource.query(sql, [from ?? null, to ?? null]);
    return rows.map((r) => {
      const place = placeOfRegion(r.region, this.checkpoints);
      return {
        eventId: r.event_id,
        polda: place.polda,
        checkpoint: r.checkpoint ?? place.checkpoint,
        occurredAt: r.at,
        count: Number(r.count),
      };
    });
  }
}
