import { Module } from '@nestjs/common';
import { RetentionService } from './retention.service.js';

/** Housekeeping (uses the global WatchlistModule): pruning by the configured retention. */
@Module({ providers: [RetentionService], exports: [RetentionService] })
export class RetentionModule {}
