import { Inject, Injectable } from '@nestjs/common';
import type { HealthCheck, HealthReport } from '@simpul/http';
import { DataSource } from 'typeorm';

/** /health's database check: one round trip to the ministry database. */
@Injectable()
export class DatabaseHealth implements HealthCheck {
  readonly name = 'database';

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async check(): Promise<HealthReport> {
    const started = Date.now();
    await this.dataSource.query('SELECT 1');
    return { status: 'up', latencyMs: Date.now() - started };
  }
}
