import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { validationFailed } from '@simpul/http';
import { DataSource } from 'typeorm';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import {
  DEFAULT_REFERRAL_LIMIT,
  MAX_REFERRAL_LIMIT,
  readReferralsQuery,
  REFERRAL_STATUS_FILTERS,
} from '../referral.rules.js';
import { REFERRAL_COLUMNS, referralView, type ReferralRow, type ReferralView } from '../referral.view.js';

@ApiTags('referrals')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/referrals')
export class ListReferralsHttpController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Ids only, no traveller details (the post re-identifies through POST /v1/watchlist/:id/reidentify,
   * audited, if it must), so the list itself is not an audited read. Open ones first, each group
   * oldest first: the post works the longest-waiting traveller first.
   */
  @Get()
  @ApiOperation({
    summary: 'P4MI referrals, open first and oldest first; filter by checkpoint (the post) and status.',
  })
  @ApiQuery({ name: 'checkpoint', required: false, description: 'Checkpoint code (batam-center)' })
  @ApiQuery({ name: 'status', required: false, enum: REFERRAL_STATUS_FILTERS, description: 'Default open' })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `1-${MAX_REFERRAL_LIMIT}, default ${DEFAULT_REFERRAL_LIMIT}`,
  })
  async list(@Query() query: Record<string, unknown>): Promise<{ referrals: ReferralView[] }> {
    const read = readReferralsQuery(query);
    if (!('value' in read)) throw validationFailed(read.problems);
    const { checkpoint, status, limit } = read.value;
    const rows: ReferralRow[] = await this.dataSource.query(
      `SELECT ${REFERRAL_COLUMNS} FROM ministry_referral
        WHERE ($1::text IS NULL OR checkpoint = $1) AND ($2::text = 'all' OR status = $2)
        ORDER BY status = 'open' DESC, opened_at, id LIMIT $3`,
      [checkpoint ?? null, status, limit],
    );
    return { referrals: rows.map(referralView) };
  }
}
