import { Expose } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import type { DatabaseSessionLimits } from './database-session.js';
import type { BusModuleOptions } from '../nest/bus.module.js';

/**
 * How a service connects to NATS, and the time limits of its consumers and database sessions, as
 * environment variables every app config inherits (see `.env.example`). On the launcher's secured
 * server a service connects as its registry unit (deploy/agencies.yaml) with that unit's
 * credentials over TLS, and provisions nothing.
 */
export class BusClientConfig {
  /** NATS server URL(s), comma-separated; empty: `.simpul/nats.json` when present, else nats://127.0.0.1:4222. */
  @Expose() @IsString() NATS_URL: string = '';

  /** CA certificate (PEM) to trust for TLS; empty: the `ca` of `.simpul/nats.json`, else none. */
  @Expose() @IsString() NATS_CA_FILE: string = '';

  /** This service's NATS credentials: a creds file or a user nkey seed file (`.simpul/creds/<unit>.creds`). */
  @Expose() @IsString() NATS_CREDS_FILE: string = '';

  /** Inbox prefix its permissions allow (`_INBOX_<unit>`); empty: the NATS default `_INBOX`. */
  @Expose() @IsString() @Matches(/^([A-Za-z0-9_-]+)?$/) NATS_INBOX_PREFIX: string = '';

  /**
   * What the service creates on start: `all` (streams and its consumers: an unsecured dev server),
   * `streams`, or `none` (an operator or the launcher provisioned them, as on a secured server).
   */
  @Expose() @IsIn(['all', 'streams', 'none']) BUS_PROVISION: 'all' | 'streams' | 'none' = 'all';

  /**
   * Longest time one consumer transaction (inbox row, handlers, commit) may take, in milliseconds;
   * past it the transaction is cancelled and rolled back and the event retried later.
   */
  @Expose() @IsInt() @Min(100) @Max(3_600_000) BUS_HANDLER_TIMEOUT_MS: number = 30_000;

  /**
   * Longest time a running verifier goes on trusting a key after it left the registry file, in
   * milliseconds: a lookup re-checks the file once its last check is older (0 = every lookup).
   */
  @Expose() @IsInt() @Min(0) @Max(3_600_000) BUS_KEY_REGISTRY_MAX_AGE_MS: number = 10_000;

  /**
   * How long the producer ledger keeps an event JetStream acknowledged, in hours (docs/contract.md
   * §11): the window in which the reconciler can republish what a stream lost. At most 30 days,
   * far below the consumers' inbox retention (400 days) that makes a late republish harmless.
   */
  @Expose() @IsInt() @Min(1) @Max(720) BUS_LEDGER_RETENTION_HOURS: number = 24;

  /**
   * Time between the reconciler's runs in each relaying service, in milliseconds; 0 = off
   * (`simpul reconcile` still runs one by hand). Otherwise from 1 second to 1 day.
   */
  @Expose()
  @ValidateIf((config: BusClientConfig) => config.BUS_RECONCILE_INTERVAL_MS !== 0)
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  BUS_RECONCILE_INTERVAL_MS: number = 300_000;

  /** PostgreSQL `statement_timeout` of every connection, in milliseconds (0 = none). */
  @Expose() @IsInt() @Min(0) DB_STATEMENT_TIMEOUT_MS: number = 60_000;

  /** PostgreSQL `lock_timeout` of every connection, in milliseconds (0 = none). */
  @Expose() @IsInt() @Min(0) DB_LOCK_TIMEOUT_MS: number = 10_000;

  /** PostgreSQL `idle_in_transaction_session_timeout` of every connection, in milliseconds (0 = none). */
  @Expose() @IsInt() @Min(0) DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: number = 60_000;
}

/** The database session limits of a BusClientConfig (pass to the app's data-source options). */
export function databaseSessionLimits(config: BusClientConfig): Partial<DatabaseSessionLimits> {
  return {
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: config.DB_LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  };
}

/** The BusModule options that come from a BusClientConfig. */
export function busClientOptions(
  config: BusClientConfig,
): Pick<
  BusModuleOptions,
  'nats' | 'provision' | 'handlerTimeoutMs' | 'keyRegistryMaxAgeMs' | 'ledgerRetentionMs' | 'reconcile'
> {
  const servers = config.NATS_URL.split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return {
    nats: {
      servers: servers.length > 0 ? servers : undefined,
      caFile: config.NATS_CA_FILE || undefined,
      credsFile: config.NATS_CREDS_FILE || undefined,
      inboxPrefix: config.NATS_INBOX_PREFIX || undefined,
    },
    provision: config.BUS_PROVISION === 'all' ? true : config.BUS_PROVISION === 'streams' ? 'streams' : false,
    handlerTimeoutMs: config.BUS_HANDLER_TIMEOUT_MS,
    keyRegistryMaxAgeMs: config.BUS_KEY_REGISTRY_MAX_AGE_MS,
    ledgerRetentionMs: config.BUS_LEDGER_RETENTION_HOURS * 3_600_000,
    reconcile:
      config.BUS_RECONCILE_INTERVAL_MS === 0 ? false : { intervalMs: config.BUS_RECONCILE_INTERVAL_MS },
  };
}
