import { CreateAuditLog1796000000000 } from '@simpul/audit';
import { BUS_MIGRATIONS, serviceDataSourceOptions, type DatabaseSessionLimits } from '@simpul/bus';
import { HTTP_MIGRATIONS } from '@simpul/http';
import type { DataSourceOptions } from 'typeorm';
import { Arrest } from '../arrests/arrest.entity.js';
import { Interception } from '../interceptions/interception.entity.js';
import { Match } from '../matches/match.entity.js';
import { CreatePoliceTables1764806400000 } from './migrations/1764806400000-create-police-tables.js';
import { MovePoliceIdempotencyKeysToHttp1797300000002 } from './migrations/1797300000002-move-idempotency-keys-to-http.js';
import { ListRecordsByPolda1797600000000 } from './migrations/1797600000000-list-records-by-polda.js';
import { CreateLeads1797900000012 } from './migrations/1797900000012-create-leads.js';

/** Every entity of the police database, listed explicitly (no globs under ESM). */
export const POLICE_ENTITIES = [Arrest, Interception, Match];

/** The bus's tables, then the police tables, the audit log, the HTTP edge's idempotency keys, the list indexes and the leads, in order. */
export const POLICE_MIGRATIONS = [
  ...BUS_MIGRATIONS,
  CreatePoliceTables1764806400000,
  CreateAuditLog1796000000000,
  ...HTTP_MIGRATIONS,
  MovePoliceIdempotencyKeysToHttp1797300000002,
  ListRecordsByPolda1797600000000,
  CreateLeads1797900000012,
];

/**
 * Options shared by the app's TypeORM module and the migrate entry. Migrations run only as an
 * explicit step (`apps/police/dist/database/migrate.js`), never at start, and never `synchronize`.
 * `limits`: the session limits of every pooled connection (statement and lock timeouts, idle
 * transactions, TCP keepalive), `databaseSessionLimits(config)` from the DB_* variables; defaults
 * in DEFAULT_DATABASE_SESSION_LIMITS of @simpul/bus.
 */
export function policeDataSourceOptions(
  url: string,
  limits: Partial<DatabaseSessionLimits> = {},
): DataSourceOptions {
  return serviceDataSourceOptions({ url, entities: POLICE_ENTITIES, migrations: POLICE_MIGRATIONS }, limits);
}
