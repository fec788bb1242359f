import { Inject, Injectable, type InjectionToken, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthRegistry, type HealthCheck } from './health-registry.js';

/** The providers (each a HealthCheck) a service's /health runs, in order: `HttpEdgeOptions.healthChecks`. */
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

/**
 * Registers a service's health checks once, at start: the one place that wires /health, so the
 * services only say which checks they have (their database, NATS) instead of each writing the wiring.
 */
@Injectable()
export class RegisterHealthChecks implements OnModuleInit {
  constructor(
    @Inject(HealthRegistry) private readonly registry: HealthRegistry,
    @Inject(ModuleRef) private readonly modules: ModuleRef,
    @Inject(HEALTH_CHECKS) private readonly tokens: InjectionToken<HealthCheck>[],
  ) {}

  onModuleInit(): void {
    for (const token of this.tokens) this.registry.register(this.modules.get(token, { strict: false }));
  }
}
