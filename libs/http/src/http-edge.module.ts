import { Global, Module, type DynamicModule } from '@nestjs/common';
import { HealthController } from './health/health.controller.js';
import { HealthRegistry } from './health/health-registry.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { SERVICE_NAME } from './service-name.js';

/** The operational endpoints every service serves without a token: /health and /metrics. */
@Global()
@Module({})
export class HttpEdgeModule {
  static forService(serviceName: string): DynamicModule {
    return {
      module: HttpEdgeModule,
      controllers: [HealthController, MetricsController],
      providers: [HealthRegistry, { provide: SERVICE_NAME, useValue: serviceName }],
      exports: [HealthRegistry, SERVICE_NAME],
    };
  }
}
