import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HealthCheck, HealthReport } from './health-registry.js';

/** /health's `database` check: one round trip to the service's own PostgreSQL, with its latency. */
@Injectable()
export class DatabaseHealthCheck implements HealthCheck {
  readonly name = 'database';

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async check(): Promise<HealthReport> {
    if (!this.dataSource.isInitialized) return { status: 'down', error: 'not initialized' };
    const started = Date.now();
    await this.dataSource.query('SELECT 1');
    return { status: 'up', latencyMs: Date.now() - started };
  }
}
