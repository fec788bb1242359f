import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { GetFindingHttpController } from './get-finding/get-finding.http.controller.js';
import { GetFindingService } from './get-finding/get-finding.service.js';
import { LinkFindingsService } from './link-findings/link-findings.service.js';
import { ListFindingsHttpController } from './list-findings/list-findings.http.controller.js';
import { RecordFindingHttpController } from './record-finding/record-finding.http.controller.js';
import { RecordFindingService } from './record-finding/record-finding.service.js';

/**
 * The cyber patrol: online recruitment ads recorded by the desk, linked to cases by phone number
 * and placement company from either side (the reactions call LinkFindingsService), and published
 * for the police deployment of the Polda they target.
 */
@Module({
  imports: [AlertsModule],
  controllers: [RecordFindingHttpController, ListFindingsHttpController, GetFindingHttpController],
  providers: [LinkFindingsService, RecordFindingService, GetFindingService],
  exports: [LinkFindingsService],
})
export class PatrolModule {}
