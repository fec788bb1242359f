import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { QueryReader } from '@simpul/http';
import { DataSource } from 'typeorm';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import {
  DISPATCH_COLUMNS,
  dispatchListItem,
  type DispatchListItem,
  type DispatchRow,
} from '../dispatch.view.js';

const STATUS_FILTERS = ['open', 'reported', 'all'] as const;

const STATUS_CONDITION: Record<(typeof STATUS_FILTERS)[number], string> = {
  open: 'WHERE reported_at IS NULL',
  reported: 'WHERE reported_at IS NOT NULL',
  all: '',
};

@ApiTags('dispatches')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/dispatches')
export class ListDispatchesHttpController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Dispatches, newest first: the open ones unless a status is asked for.' })
  @ApiQuery({ name: 'status', required: false, enum: STATUS_FILTERS, description: 'Default open' })
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 200' })
  async list(@Query() query: Record<string, unknown>): Promise<{ dispatches: DispatchListItem[] }> {
    const reader = new QueryReader(query);
    const status = reader.oneOf('status', STATUS_FILTERS, 'open')!;
    const limit = reader.int('limit', 1, 1000, 200);
    reader.done();
    const rows: DispatchRow[] = await this.dataSource.query(
      `SELECT ${DISPATCH_COLUMNS} FROM ministry_dispatch ${STATUS_CONDITION[status]}
        ORDER BY dispatched_at DESC, id DESC LIMIT $1`,
      [limit],
    );
    // The service's clock, which set dispatchedAt and dueBy.
    const now = new Date();
    return { dispatches: rows.map((row) => dispatchListItem(row, now)) };
  }
}
