import { Module } from '@nestjs/common';
import { RecordingService } from './recording.service.js';

/** What recording use cases share: idempotency, the transaction with the outbox, body validation. */
@Module({
  providers: [RecordingService],
  exports: [RecordingService],
})
export class RecordingModule {}
