import { Module } from '@nestjs/common';
import { AckSlaWatcher } from './ack-sla/ack-sla-watcher.service.js';
import { AlertExpiringEntriesService } from './alert-expiring-entries/alert-expiring-entries.service.js';
import { AcknowledgeAlertHttpController } from './acknowledge-alert/acknowledge-alert.http.controller.js';
import { ListAlertsHttpController } from './list-alerts/list-alerts.http.controller.js';
import { RaiseAlertService } from './raise-alert/raise-alert.service.js';
import { AlertChanges } from './stream-alerts/alert-changes.service.js';
import { StreamAlertsHttpController } from './stream-alerts/stream-alerts.http.controller.js';

/** Alerts for the rapid response team: raised by reactions, listed, streamed and acknowledged by the desk. */
@Module({
  controllers: [ListAlertsHttpController, StreamAlertsHttpController, AcknowledgeAlertHttpController],
  providers: [RaiseAlertService, AlertExpiringEntriesService, AlertChanges, AckSlaWatcher],
  exports: [RaiseAlertService],
})
export class AlertsModule {}
