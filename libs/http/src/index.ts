export { startService, type ServiceOptions } from './bootstrap/start-service.js';
export { loadConfig, ConfigError } from './config/load-config.js';
export { ApiException } from './errors/api-exception.js';
export { ApiExceptionFilter } from './errors/api-exception.filter.js';
export type { ApiErrorBody, ValidationIssue } from './errors/api-error.js';
export { HealthRegistry, type HealthCheck, type HealthReport } from './health/health-registry.js';
export { DatabaseHealthCheck } from './health/database-health-check.js';
export { HttpEdgeModule } from './http-edge.module.js';
export { SERVICE_NAME } from './service-name.js';
export { TokenRegistry, hashToken } from './auth/token-registry.js';
export { UnitTokenGuard, Public, assertActsFor, type AuthenticatedRequest } from './auth/unit-token.guard.js';
export { CurrentUnit } from './auth/current-unit.decorator.js';
export { MeController, type MeView } from './auth/me.controller.js';
export { unitNamesFromFile } from './auth/unit-names.js';
export { unitFromId, type Unit } from './auth/unit.js';
export type { HttpEdgeOptions } from './http-edge.module.js';
export {
  idempotencyKeyProblem,
  replayOf,
  requestHash,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  type IdempotentReplay,
} from './idempotency/idempotency.rules.js';
export { IdempotencyKeyReused } from './idempotency/idempotency.errors.js';
export { WrongUnit } from './auth/auth.errors.js';
export {
  IdempotentWriteService,
  type IdempotencyContext,
  type IdempotentWrite,
} from './idempotency/idempotent-write.service.js';
export {
  IdempotencyRetention,
  pruneIdempotencyKeys,
  DEFAULT_IDEMPOTENCY_RETENTION_DAYS,
  DEFAULT_IDEMPOTENCY_PRUNE_INTERVAL_MS,
  type IdempotencyRetentionOptions,
} from './idempotency/idempotency-retention.js';
export { IdempotencyModule } from './idempotency/idempotency.module.js';
export {
  HTTP_MIGRATIONS,
  HttpIdempotencyKeys1797300000000,
  adoptIdempotencyTable,
  restoreIdempotencyTable,
} from './idempotency/migrations.js';
export { trimStrings, isPlainObject } from './body/trim-strings.js';
export {
  bodyProblemOf,
  bodyProblems,
  buildOrReject,
  generatedFieldProblem,
  notAnObjectProblem,
  objectBody,
  fieldProblem,
  unknownPropertyProblems,
  shapeProblems,
} from './body/body-problems.js';
export { bodySchemaFor } from './body/body-schema.js';
export { eventBody, normaliseBodyPhoneNumbers, phoneNumberPaths } from './body/phone-numbers.js';
export { QueryReader } from './query/query-reader.js';
export { MAX_JSON_DEPTH, nestsDeeperThan, nestingProblem } from './body/json-depth.js';
export { validationFailed } from './errors/validation-failed.js';
export {
  DomainError,
  ValidationFailed,
  DOMAIN_ERROR_STATUS,
  type DomainErrorKind,
} from './errors/domain-error.js';
export { HttpEdgeInterceptor } from './http-edge.interceptor.js';
export { declaredQueryParameters, unknownQueryProblems } from './query/known-query-parameters.js';
