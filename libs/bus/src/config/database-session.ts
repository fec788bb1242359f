import type { DataSourceOptions } from 'typeorm';
import { BusError, BusErrorCode } from '../errors.js';

/**
 * Limits every PostgreSQL session of a service runs under, so no statement, lock wait, forgotten
 * transaction or dead peer can hold a connection (and the durable consumer or request behind it)
 * forever. The defaults suit the services' short transactions; an operator running a long
 * one-off job sets its own.
 */
export interface DatabaseSessionLimits {
  /** `statement_timeout`: longest single statement. Default 60 000 (0 = none). */
  statementTimeoutMs: number;
  /** `lock_timeout`: longest wait for one lock. Default 10 000 (0 = none). */
  lockTimeoutMs: number;
  /** `idle_in_transaction_session_timeout`: a transaction left idle this long is ended by the server. Default 60 000. */
  idleInTransactionTimeoutMs: number;
  /** TCP keepalive on every connection, first probe after this long idle. Default 10 000. */
  keepAliveInitialDelayMs: number;
  /** Longest wait for a new connection. Default 10 000. */
  connectTimeoutMs: number;
}

export const DEFAULT_DATABASE_SESSION_LIMITS: Readonly<DatabaseSessionLimits> = {
  statementTimeoutMs: 60_000,
  lockTimeoutMs: 10_000,
  idleInTransactionTimeoutMs: 60_000,
  keepAliveInitialDelayMs: 10_000,
  connectTimeoutMs: 10_000,
};

/**
 * The node-postgres pool settings of `limits` (defaults for what is not given), for TypeORM's
 * `extra` of a postgres DataSource or a `pg.Pool`. The timeouts travel as startup parameters, so
 * they hold for every statement on the connection, migrations included.
 */
export function pgPoolExtra(limits: Partial<DatabaseSessionLimits> = {}): Record<string, number | boolean> {
  const l = { ...DEFAULT_DATABASE_SESSION_LIMITS, ...limits };
  for (const [name, value] of Object.entries(l)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new BusError(
        BusErrorCode.CONFIG_INVALID,
        `database ${name} must be a whole number of milliseconds >= 0`,
      );
    }
  }
  return {
    statement_timeout: l.statementTimeoutMs,
    lock_timeout: l.lockTimeoutMs,
    idle_in_transaction_session_timeout: l.idleInTransactionTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: l.keepAliveInitialDelayMs,
    connectionTimeoutMillis: l.connectTimeoutMs,
  };
}

/** What differs between the services' databases: where, which tables, which migrations. */
export interface ServiceDatabase {
  url: string;
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

/**
 * A service's TypeORM options for its PostgreSQL: never `synchronize`, migrations only as the
 * explicit step (`migrate.ts`), every pooled connection under `limits` (pgPoolExtra). The one place
 * these rules live, so the three services cannot drift apart.
 */
export function serviceDataSourceOptions(
  database: ServiceDatabase,
  limits: Partial<DatabaseSessionLimits> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: database.url,
    synchronize: false,
    migrationsRun: false,
    entities: database.entities,
    migrations: database.migrations,
    extra: pgPoolExtra(limits),
  };
}
