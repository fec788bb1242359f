import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import { AlertEntity, ALERT_STATUSES } from '../alert.entity.js';
import { alertView, type AlertView } from '../alert.view.js';
import { QueryReader } from '@simpul/http';

@ApiTags('alerts')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/alerts')
export class ListAlertsHttpController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Alerts, newest first, optionally by status.' })
  @ApiQuery({ name: 'status', required: false, enum: ALERT_STATUSES })
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 200' })
  async list(@Query() query: Record<string, unknown>): Promise<{ alerts: AlertView[] }> {
    const reader = new QueryReader(query);
    const status = reader.oneOf('status', ALERT_STATUSES);
    const limit = reader.int('limit', 1, 1000, 200);
    reader.done();
    const alerts = await this.dataSource.getRepository(AlertEntity).find({
      where: status ? { status } : {},
      order: { raisedAt: 'DESC', id: 'ASC' },
      take: limit,
    });
    return { alerts: alerts.map(alertView) };
  }
}
