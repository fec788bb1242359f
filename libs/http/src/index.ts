export { startService, type ServiceOptions } from './bootstrap/start-service.js';
export { loadConfig, ConfigError } from './config/load-config.js';
export { ApiException } from './errors/api-exception.js';
export { ApiExceptionFilter } from './errors/api-exception.filter.js';
export type { ApiErrorBody, FieldProblem } from './errors/api-error.js';
export { HealthRegistry, type HealthCheck, type HealthReport } from './health/health-registry.js';
export { HttpEdgeModule } from './http-edge.module.js';
export { SERVICE_NAME } from './service-name.js';
