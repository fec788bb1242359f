import { Controller, Headers, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiException, CurrentUnit, type Unit } from '@simpul/http';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import { IdempotentWriteService } from '@simpul/http';
import { isUuid } from '../../common/uuid.js';
import { AlertEntity } from '../alert.entity.js';
import { alertView, type AlertView } from '../alert.view.js';
import { acknowledgeAlert } from './acknowledge-alert.js';
import { MinistryAudit } from '../../audit/ministry-audit.service.js';

@ApiTags('alerts')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/alerts')
export class AcknowledgeAlertHttpController {
  constructor(
    @Inject(IdempotentWriteService) private readonly writes: IdempotentWriteService,
    @Inject(MinistryAudit) private readonly audit: MinistryAudit,
  ) {}

  /** 200 with the alert; acknowledging twice keeps the first acknowledgement (idempotent). */
  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge an alert (idempotent).' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key returns the first result; another request under it is 409',
  })
  acknowledge(
    @Param('id') id: string,
    @CurrentUnit() unit: Unit,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<AlertView> {
    const write = {
      unitId: unit.id,
      key: idempotencyKey,
      operation: `POST /v1/alerts/${id}/acknowledge`,
      body: null,
      statusCode: 200,
    };
    return this.writes.run(write, async (manager) => {
      if (!isUuid(id)) throw new ApiException(404, 'MINISTRY.ALERT_NOT_FOUND', 'alert not found');
      await acknowledgeAlert(manager, id, unit.id);
      const alert = await manager.getRepository(AlertEntity).findOneBy({ id });
      if (!alert) throw new ApiException(404, 'MINISTRY.ALERT_NOT_FOUND', 'alert not found');
      this.audit.deskStep(manager, unit.id, {
        action: 'alert.acknowledged',
        recordType: 'alert',
        recordId: alert.id,
      });
      return alertView(alert);
    });
  }
}
