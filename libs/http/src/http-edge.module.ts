import { Global, Module, type DynamicModule, type InjectionToken } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { MeController, UNIT_NAMES } from './auth/me.controller.js';
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
   * Display name per unit id (`unitNamesFromFile(REFERENCE_UNITS_FILE)`), answered by GET /v1/me
   * (served whenever `tokens` are given); a unit without one is named by its id.
   */
  unitNames?: ReadonlyMap<string, string>;
  /**
   * What /health checks, in order: providers implementing HealthCheck, e.g.
   * `[DatabaseHealthCheck, BusHealthService]` (DatabaseHealthCheck is provided here; the others by
   * their own modules).
   */
  healthChecks?: InjectionToken<HealthCheck>[];
}

/**
 * What every service's HTTP edge shares: /health and /metrics (no token), the token guard and
 * GET /v1/me (with tokens), and the bounds every request passes first (HttpEdgeInterceptor: body
 * nesting, unknown query parameters).
 */
@Global()
@Module({})
export class HttpEdgeModule {
  static forService(serviceName: string, options: HttpEdgeOptions = {}): DynamicModule {
    const auth = options.tokens
      ? [
          { provide: TokenRegistry, useValue: options.tokens },
          { provide: APP_GUARD, useClass: UnitTokenGuard },
          { provide: UNIT_NAMES, useValue: options.unitNames ?? new Map<string, string>() },
        ]
      : [];
    return {
      module: HttpEdgeModule,
      controllers: [HealthController, MetricsController, ...(options.tokens ? [MeController] : [])],
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
