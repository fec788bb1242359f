import { Global, Module, type DynamicModule, type InjectionToken } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TokenRegistry } from './auth/token-registry.js';
import { UnitTokenGuard } from './auth/unit-token.guard.js';
import { ApiExceptionFilter } from './errors/api-exception.filter.js';
import { HealthController } from './health/health.controller.js';
import { DatabaseHealthCheck } from './health/database-health-check.js';
import { HealthRegistry, type HealthCheck } from './health/health-registry.js';
import { HEALTH_CHECKS, RegisterHealthChecks } from './health/register-health-checks.js';
import { HttpEdgeInterceptor } from './http-edge.interceptor.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { SERVICE_NAME } from './service-name.js';

export interface HttpEdgeOptions {
  /**
   * Which unit each API token belongs to (hash → unit id, see TokenRegistry). When given, every
   * route except @Public() ones needs `Authorization: Bearer <token>`.
   */
  tokens?: TokenRegistry;
  /**
   * What /health checks, in order: providers implementing HealthCheck, e.g.
   * `[DatabaseHealthCheck, BusHealthService]` (DatabaseHealthCheck is provided here; the others by
   * their own modules).
   */
  healthChecks?: InjectionToken<HealthCheck>[];
}

/**
 * What every service's HTTP edge shares: /health and /metrics (no token), the token guard, and the
 * bounds every request passes first (HttpEdgeInterceptor: body nesting, unknown query parameters).
 */
@Global()
@Module({})
export class HttpEdgeModule {
  static forService(serviceName: string, options: HttpEdgeOptions = {}): DynamicModule {
    const auth = options.tokens
      ? [
          { provide: TokenRegistry, useValue: options.tokens },
          { provide: APP_GUARD, useClass: UnitTokenGuard },
        ]
      : [];
    return {
      module: HttpEdgeModule,
      controllers: [HealthController, MetricsController],
      providers: [
        HealthRegistry,
        { provide: SERVICE_NAME, useValue: serviceName },
        { provide: APP_INTERCEPTOR, useClass: HttpEdgeInterceptor },
        // Every app with this edge answers errors alike, DomainErrors included, even where its
        // bootstrap forgot useGlobalFilters.
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: HEALTH_CHECKS, useValue: options.healthChecks ?? [] },
        RegisterHealthChecks,
        ...(options.healthChecks?.includes(DatabaseHealthCheck) ? [DatabaseHealthCheck] : []),
        ...auth,
      ],
      exports: [HealthRegistry, SERVICE_NAME, ...(options.tokens ? [TokenRegistry] : [])],
    };
  }
}
