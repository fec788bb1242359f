import { CreateAuditLog1796000000000 } from '@simpul/audit';
import { BUS_MIGRATIONS, serviceDataSourceOptions, type DatabaseSessionLimits } from '@simpul/bus';
import { HTTP_MIGRATIONS } from '@simpul/http';
import type { DataSourceOptions } from 'typeorm';
import { AlertEntity } from '../alerts/alert.entity.js';
import { CaseEntity, CaseEventEntity, CaseLinkEntity } from '../cases/case.entity.js';
import { CompanyEntity, CompanySanctionEntity } from '../companies/company.entity.js';
import { PreventedDepartureEntity } from '../stats/prevented-departure.entity.js';
import { WatchlistEntryEntity } from '../watchlist/watchlist-entry.entity.js';
import { CreateMinistryTables1764600000000 } from './migrations/1764600000000-create-ministry-tables.js';
import { NameLinksIdempotencyCheckpointFacts1795828453000 } from './migrations/1795828453000-name-links-idempotency-checkpoint-facts.js';
import { PseudonymiseIdentities1796100000000 } from './migrations/1796100000000-pseudonymise-identities.js';
import { MoveIdempotencyKeysToHttp1797300000001 } from './migrations/1797300000001-move-idempotency-keys-to-http.js';
import { AlertChangeFeed1797600000001 } from './migrations/1797600000001-alert-change-feed.js';
import { CreateReferrals1797900000004 } from './migrations/1797900000004-create-referrals.js';
import { RapidResponseDispatches1797900000003 } from './migrations/1797900000003-rapid-response-dispatches.js';
import { SealPhoneNumbers1797900000001 } from './migrations/1797900000001-seal-phone-numbers.js';
import { RecordPatrolFindings1797900000002 } from './migrations/1797900000002-record-patrol-findings.js';

/** Explicit lists (no globs: ESM, docs/contract.md §2), shared by AppModule and the migrate entry. */
export const MINISTRY_ENTITIES = [
  CaseEntity,
  CaseLinkEntity,
  CaseEventEntity,
  AlertEntity,
  WatchlistEntryEntity,
  CompanyEntity,
  CompanySanctionEntity,
  PreventedDepartureEntity,
];

export const MINISTRY_MIGRATIONS = [
  ...BUS_MIGRATIONS,
  CreateMinistryTables1764600000000,
  NameLinksIdempotencyCheckpointFacts1795828453000,
  CreateAuditLog1796000000000,
  PseudonymiseIdentities1796100000000,
  ...HTTP_MIGRATIONS,
  MoveIdempotencyKeysToHttp1797300000001,
  AlertChangeFeed1797600000001,
  SealPhoneNumbers1797900000001,
  RecordPatrolFindings1797900000002,
  RapidResponseDispatches1797900000003,
  CreateReferrals1797900000004,
];

/**
 * The ministry's DataSource options; migrations run only as an explicit step (migrate.ts).
 * `limits`: the session limits of every pooled connection (statement and lock timeouts, idle
 * transactions, TCP keepalive), `databaseSessionLimits(config)` from the DB_* variables; defaults
 * in DEFAULT_DATABASE_SESSION_LIMITS of @simpul/bus.
 */
export function ministryDataSourceOptions(
  url: string,
  limits: Partial<DatabaseSessionLimits> = {},
): DataSourceOptions {
  return serviceDataSourceOptions(
    { url, entities: MINISTRY_ENTITIES, migrations: MINISTRY_MIGRATIONS },
    limits,
  );
}
