import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { BusHealthService } from '@simpul/bus';
import { HealthRegistry, type HealthReport } from '@simpul/http';
import { DataSource } from 'typeorm';

/** What /health checks for the police service: its database and NATS (with outbox backlog and consumer lag). */
@Injectable()
export class RegisterHealthChecks implements OnModuleInit {
  constructor(
    @Inject(HealthRegistry) private readonly registry: HealthRegistry,
    @Inject(BusHealthService) private readonly bus: BusHealthService,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register({ name: 'database', check: () => this.checkDatabase() });
    this.registry.register(this.bus);
  }

  private async checkDatabase(): Promise<HealthReport> {
    if (!this.dataSource.isInitialized) return { status: 'down', error: 'not initialized' };
    await this.dataSource.query('SELECT 1');
    return { status: 'up' };
  }
}
