import { Module } from '@nestjs/common';
import { MinistryConfig } from '../config/ministry.config.js';
import { PreventedDeparturesHttpController } from './prevented-departures/prevented-departures.http.controller.js';
import { RecordPreventionService } from './record-prevention/record-prevention.service.js';
import { loadCheckpointCodes, REFERENCE_CHECKPOINTS } from './reference-checkpoints.js';

/** The ministry's headline figure: prevented departures, traceable to events. */
@Module({
  controllers: [PreventedDeparturesHttpController],
  providers: [
    RecordPreventionService,
    {
      provide: REFERENCE_CHECKPOINTS,
      inject: [MinistryConfig],
      useFactory: (config: MinistryConfig) => loadCheckpointCodes(config.REFERENCE_UNITS_FILE),
    },
  ],
  exports: [RecordPreventionService],
})
export class StatsModule {}
