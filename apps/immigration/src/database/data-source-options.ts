import { CreateAuditLog1796000000000 } from '@simpul/audit';
import { BUS_MIGRATIONS, serviceDataSourceOptions, type DatabaseSessionLimits } from '@simpul/bus';
import { HTTP_MIGRATIONS } from '@simpul/http';
import type { DataSourceOptions } from 'typeorm';
import { Delay } from '../delays/delay.entity.js';
import { Screening } from '../screening/screening.entity.js';
import { WatchlistReplicaEntry, WatchlistReplicaState } from '../watchlist/watchlist-replica.entity.js';
import { CreateImmigrationTables1764700000000 } from './migrations/1764700000000-create-immigration-tables.js';
import { ReplicaChangeFeedAndRetention1797100000000 } from './migrations/1797100000000-replica-change-feed-and-retention.js';

/** Explicit lists (no globs: ESM, docs/contract.md §2), shared by AppModule and the migrate entry. */
export const IMMIGRATION_ENTITIES = [WatchlistReplicaEntry, WatchlistReplicaState, Screening, Delay];
export const IMMIGRATION_MIGRATIONS = [
  ...BUS_MIGRATIONS,
  CreateImmigrationTables1764700000000,
  CreateAuditLog1796000000000,
  ReplicaChangeFeedAndRetention1797100000000,
  // Idempotency-Key of POST /v1/screenings and /outcome (docs/contract.md §6).
  ...HTTP_MIGRATIONS,
];

/**
 * The immigration DataSource options; migrations run only as an explicit step (migrate.ts).
 * `limits`: the session limits of every pooled connection (statement and lock timeouts, idle
 * transactions, TCP keepalive), `databaseSessionLimits(config)` from the DB_* variables; defaults
 * in DEFAULT_DATABASE_SESSION_LIMITS of @simpul/bus.
 */
export function immigrationDataSourceOptions(
  url: string,
  limits: Partial<DatabaseSessionLimits> = {},
): DataSourceOptions {
  return serviceDataSourceOptions(
    { url, entities: IMMIGRATION_ENTITIES, migrations: IMMIGRATION_MIGRATIONS },
    limits,
  );
}
