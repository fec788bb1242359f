import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@simpul/http';
import { RecordingService } from './recording.service.js';

/** What recording use cases share: idempotency, the transaction with the outbox, body validation. */
@Module({
  // Idempotency-Key results, kept DEFAULT_IDEMPOTENCY_RETENTION_DAYS (docs/adr/0008-retention.md).
  imports: [IdempotencyModule.forRoot()],
  providers: [RecordingService],
  exports: [RecordingService],
})
export class RecordingModule {}
