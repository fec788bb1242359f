import { Controller, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiException, CurrentUnit, type Unit } from '@simpul/http';
import { DataSource } from 'typeorm';
import { DeskOnlyGuard } from '../../shared/desk-only.guard.js';
import { isUuid } from '../../shared/uuid.js';
import { AlertEntity } from '../alert.entity.js';
import { alertView, type AlertView } from '../alert.view.js';

@ApiTags('alerts')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/alerts')
export class AcknowledgeAlertHttpController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** 200 with the alert; acknowledging twice keeps the first acknowledgement (idempotent). */
  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge an alert (idempotent).' })
  async acknowledge(@Param('id') id: string, @CurrentUnit() unit: Unit): Promise<AlertView> {
    if (!isUuid(id)) throw new ApiException(404, 'MINISTRY.ALERT_NOT_FOUND', 'alert not found');
    await this.dataSource.query(
      `UPDATE ministry_alert SET status = 'acknowledged', acknowledged_at = now(), acknowledged_by = $2
        WHERE id = $1 AND status = 'open'`,
      [id, unit.id],
    );
    const alert = await this.dataSource.getRepository(AlertEntity).findOneBy({ id });
    if (!alert) throw new ApiException(404, 'MINISTRY.ALERT_NOT_FOUND', 'alert not found');
    return alertView(alert);
  }
}
