import { Expose } from 'class-transformer';
import { IsIP, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BusClientConfig } from '@simpul/bus';

/** The repository root: this file is apps/immigration/{src,dist}/config/immigration.config.{ts,js}. */
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Codes of every checkpoint of the reference units (DESIGN.md §10): `../shared/data/units.json` beside
 * the repository, else the committed copy in deploy/reference/. A local run serves them all.
 */
function referenceCheckpointCodes(): string {
  for (const path of [
    join(REPO_ROOT, '..', 'shared', 'data', 'units.json'),
    join(REPO_ROOT, 'deploy', 'reference', 'units.json'),
  ]) {
    if (!existsSync(path)) continue;
    try {
      const units = JSON.parse(readFileSync(path, 'utf8')) as { checkpoints?: Array<{ code?: unknown }> };
      const codes = (units.checkpoints ?? []).map((c) => c.code).filter((c) => typeof c === 'string');
      if (codes.length > 0) return codes.join(',');
    } catch {
      // an unreadable file: try the next one
    }
  }
  return 'batam-center';
}

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

  /** Dev/demo signing keys (registry.json + private/); production keys come from the agency's own process. */
  @Expose() @IsString() SIMPUL_KEYS_DIR: string = join(REPO_ROOT, '.simpul', 'keys');

  /** Hash → unit id of the API tokens (written by the launcher or the onboarding command). */
  @Expose() @IsString() TOKEN_HASHES_FILE: string = join(REPO_ROOT, '.simpul', 'token-hashes.json');

  /** Checkpoint codes this deployment serves, comma-separated (default: every reference checkpoint). */
  @Expose()
  @Matches(/^[a-z0-9][a-z0-9-]*(,[a-z0-9][a-z0-9-]*)*$/)
  IMMIGRATION_CHECKPOINTS: string = referenceCheckpointCodes();

  /** Site id of this deployment: names its durables `immigration-<site>-watchlist` / `-delays`. */
  @Expose() @Matches(/^[a-z0-9][a-z0-9-]*$/) IMMIGRATION_SITE: string = 'local';

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
