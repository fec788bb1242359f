import { Module } from '@nestjs/common';
import { AlertExpiringEntriesService } from './alert-expiring-entries/alert-expiring-entries.service.js';
import { AcknowledgeAlertHttpController } from './acknowledge-alert/acknowledge-alert.http.controller.js';
import { ListAlertsHttpController } from './list-alerts/list-alerts.http.controller.js';
import { RaiseAlertService } from './raise-alert/raise-alert.service.js';

/** Alerts for the rapid response team: raised by reactions, listed and acknowledged by the desk. */
@Module({
  controllers: [ListAlertsHttpController, AcknowledgeAlertHttpController],
  providers: [RaiseAlertService, AlertExpiringEntriesService],
  exports: [RaiseAlertService],
})
export class AlertsModule {}
