import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@simpul/http';
import { RecordOutcomeHttpController } from './record-outcome/record-outcome.http.controller.js';
import { RecordOutcomeService } from './record-outcome/record-outcome.service.js';
import { ScreenTravelerHttpController } from './screen-traveler/screen-traveler.http.controller.js';
import { ScreenTravelerService } from './screen-traveler/screen-traveler.service.js';

/** Bounded context (uses the global WatchlistModule and DelaysModule): screening departing travellers at the desk and recording what the desk did. */
@Module({
  // Idempotency-Key results, kept DEFAULT_IDEMPOTENCY_RETENTION_DAYS (docs/adr/0008-retention.md).
  imports: [IdempotencyModule.forRoot()],
  controllers: [ScreenTravelerHttpController, RecordOutcomeHttpController],
  providers: [ScreenTravelerService, RecordOutcomeService],
})
export class ScreeningModule {}
