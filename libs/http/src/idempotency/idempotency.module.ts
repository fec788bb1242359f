import { Module, type DynamicModule } from '@nestjs/common';
import { IdempotentWriteService } from './idempotent-write.service.js';
import {
  DEFAULT_IDEMPOTENCY_PRUNE_INTERVAL_MS,
  DEFAULT_IDEMPOTENCY_RETENTION_DAYS,
  IDEMPOTENCY_RETENTION,
  IdempotencyRetention,
  type IdempotencyRetentionOptions,
} from './idempotency-retention.js';

/**
 * `Idempotency-Key` for a service's POST routes: IdempotentWriteService and the retention of its
 * keys. Needs the TypeORM DataSource and HTTP_MIGRATIONS in the app's migrations.
 */
@Module({})
export class IdempotencyModule {
  static forRoot(options: Partial<IdempotencyRetentionOptions> = {}): DynamicModule {
    const retention: IdempotencyRetentionOptions = {
      retentionDays: options.retentionDays ?? DEFAULT_IDEMPOTENCY_RETENTION_DAYS,
      pruneIntervalMs: options.pruneIntervalMs ?? DEFAULT_IDEMPOTENCY_PRUNE_INTERVAL_MS,
      ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    };
    return {
      module: IdempotencyModule,
      global: true,
      providers: [
        IdempotentWriteService,
        IdempotencyRetention,
        { provide: IDEMPOTENCY_RETENTION, useValue: retention },
      ],
      exports: [IdempotentWriteService, IdempotencyRetention],
    };
  }
}
