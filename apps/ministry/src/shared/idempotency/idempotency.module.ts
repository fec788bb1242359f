import { Module } from '@nestjs/common';
import { IdempotentWriteService } from './idempotent-write.service.js';

/** `Idempotency-Key` for the desk's POST routes (docs/contract.md §6). */
@Module({
  providers: [IdempotentWriteService],
  exports: [IdempotentWriteService],
})
export class IdempotencyModule {}
