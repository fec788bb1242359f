import { Module } from '@nestjs/common';
import { RecordOutcomeHttpController } from './record-outcome/record-outcome.http.controller.js';
import { RecordOutcomeService } from './record-outcome/record-outcome.service.js';
import { ScreenTravelerHttpController } from './screen-traveler/screen-traveler.http.controller.js';
import { ScreenTravelerService } from './screen-traveler/screen-traveler.service.js';

/** Bounded context (uses the global WatchlistModule and DelaysModule): screening departing travellers at the desk and recording what the desk did. */
@Module({
  controllers: [ScreenTravelerHttpController, RecordOutcomeHttpController],
  providers: [ScreenTravelerService, RecordOutcomeService],
})
export class ScreeningModule {}
