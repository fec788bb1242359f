import { Expose } from 'class-transformer';
import { IsIP, IsInt, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { BusClientConfig } from '@simpul/bus';

/** The immigration service's configuration; the only place that reads the environment (see .env.example). */
export class ImmigrationConfig extends BusClientConfig {
  /** Interface the HTTP API binds to. */
  @Expose() @IsIP() IMMIGRATION_HOST: string = '127.0.0.1';

  /** TCP port of the HTTP API. */
  @Expose() @IsInt() @Min(0) @Max(65535) IMMIGRATION_PORT: number = 3103;

  /** PostgreSQL of this deployment (watchlist replica, screenings, delays, bus tables). */
  @Expose()
  @Matches(/^postgres(ql)?:\/\//)
  IMMIGRATION_DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/simpul_immigration';

  /** Signing keys (registry.json + private/); required, no default. */
  @Expose() @IsString() SIMPUL_KEYS_DIR!: string;

  /** Hash → unit id of the API tokens (written by the launcher or onboarding); required, no default. */
  @Expose() @IsString() TOKEN_HASHES_FILE!: string;

  /**
   * Reference units (deploy/reference/units.json in a local run, where the launcher sets it): only
   * the display names GET /v1/me answers. Optional: empty = units are named by their ids.
   */
  @Expose() @IsString() REFERENCE_UNITS_FILE: string = '';

  /** Checkpoint codes this deployment serves, comma-separated; required, no default. */
  @Expose()
  @Matches(/^[a-z0-9][a-z0-9-]*(,[a-z0-9][a-z0-9-]*)*$/)
  IMMIGRATION_CHECKPOINTS!: string;

  /** Site id of this deployment: names its durables `immigration-<site>-watchlist` / `-delays`. */
  @Expose() @Matches(/^[a-z0-9][a-z0-9-]*$/) IMMIGRATION_SITE: string = 'local';

  /**
   * JetStream domain of the hub when this deployment runs at a leaf site (national topology,
   * docs/contract.md §11: `hub`); empty when its NATS is the hub itself (a single server, or a site
   * served from the hub), which has no link of its own to watch.
   */
  @Expose() @Matches(/^([A-Za-z0-9_-]+)?$/) IMMIGRATION_HUB_DOMAIN: string = '';

  /**
   * The site's own event stream at its leaf node (`IMMIGRATION_<SITE>`), which the hub sources: how
   * many of its events are still waiting to reach the hub. Required with IMMIGRATION_HUB_DOMAIN.
   */
  @Expose()
  @ValidateIf((config: ImmigrationConfig) => config.IMMIGRATION_HUB_DOMAIN !== '')
  @Matches(/^[A-Za-z0-9_-]+$/, {
    message: 'IMMIGRATION_SITE_STREAM must name the site stream when IMMIGRATION_HUB_DOMAIN is set',
  })
  IMMIGRATION_SITE_STREAM: string = '';

  /**
   * How often, in milliseconds, the in-memory index reads the replica table's change feed when no
   * notification woke it earlier (the safety net: a NOTIFY is lost while the listener reconnects).
   */
  @Expose() @IsInt() @Min(50) @Max(60_000) IMMIGRATION_REPLICA_POLL_MS: number = 1000;

  /** Days a screening (a traveller's identity: personal data) is kept after it was made. */
  @Expose() @IsInt() @Min(1) @Max(3650) IMMIGRATION_SCREENING_RETENTION_DAYS: number = 90;

  /** Days a departure delay is kept after its validUntil (it no longer refers anyone by then). */
  @Expose() @IsInt() @Min(1) @Max(3650) IMMIGRATION_DELAY_RETENTION_DAYS: number = 30;

  /**
   * Days a watchlist replica row is kept after its entry expired (validUntil; for a revoke that
   * never met its issue, revokedAt): it must outlive any late redelivery of an older version, which
   * would otherwise find no row to lose against.
   */
  @Expose() @IsInt() @Min(1) @Max(3650) IMMIGRATION_REPLICA_RETENTION_DAYS: number = 30;

  /** Seconds between two pruning rounds (screenings, delays, expired replica rows, the index). */
  @Expose() @IsInt() @Min(1) @Max(86_400) IMMIGRATION_PRUNE_INTERVAL_SECONDS: number = 3600;

  /** Rows deleted per statement while pruning: short transactions, no long locks. */
  @Expose() @IsInt() @Min(1) @Max(100_000) IMMIGRATION_PRUNE_BATCH: number = 1000;
}

/** The served checkpoint codes as a list. */
export function servedCheckpoints(config: ImmigrationConfig): string[] {
  return [...new Set(config.IMMIGRATION_CHECKPOINTS.split(',').map((c) => c.trim()))];
}

/**
 * What the explicit migration step reads: the database alone (a migration job has no tokens, keys or
 * units to give it).
 */
export class ImmigrationMigrationConfig {
  @Expose() @IsString() @Matches(/^postgres(ql)?:\/\//) IMMIGRATION_DATABASE_URL: string =
    'postgres://postgres@127.0.0.1:5432/simpul_immigration';
}
