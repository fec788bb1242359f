import { Module } from '@nestjs/common';
import { DispatchAlertHttpController } from './dispatch-alert/dispatch-alert.http.controller.js';
import { DispatchAlertService } from './dispatch-alert/dispatch-alert.service.js';
import { ListDispatchesHttpController } from './list-dispatches/list-dispatches.http.controller.js';
import { ReportDispatchHttpController } from './report-dispatch/report-dispatch.http.controller.js';
import { ReportDispatchService } from './report-dispatch/report-dispatch.service.js';

/** The rapid response team: dispatches on alerts, their reports, the list of teams out (§13). */
@Module({
  controllers: [DispatchAlertHttpController, ReportDispatchHttpController, ListDispatchesHttpController],
  providers: [DispatchAlertService, ReportDispatchService],
})
export class DispatchesModule {}
