import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { BusHealthService } from '@simpul/bus';
import { HealthRegistry, type HealthReport } from '@simpul/http';
import { DataSource } from 'typeorm';

/** /health checks the database and NATS (docs/contract.md §6). */
@Injectable()
export class HealthChecks implements OnModuleInit {
  constructor(
    @Inject(HealthRegistry) private readonly registry: HealthRegistry,
    @Inject(BusHealthService) private readonly bus: BusHealthService,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register({ name: 'database', check: () => this.database() });
    this.registry.register(this.bus);
  }

  private async database(): Promise<HealthReport> {
    await this.dataSource.query('SELECT 1');
    return { status: 'up' };
  }
}
