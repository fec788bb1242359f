import { Expose } from 'class-transformer';
import { parseEncryptionKeys, parseIndexKey } from '@simpul/privacy';
import {
  IsIP,
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { BusClientConfig } from '@simpul/bus';

/** Rule name in the error: the encryption key setting (parsed by @simpul/privacy; the value is never shown). */
@ValidatorConstraint({ name: 'base64Of32BytesOrKeyIdList' })
class EncryptionKeysRule implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return succeeds(() => parseEncryptionKeys(String(value ?? '')));
  }
}

/** Rule name in the error: the blind-index key setting. */
@ValidatorConstraint({ name: 'base64OfAtLeast32Bytes' })
class IndexKeyRule implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return succeeds(() => parseIndexKey(String(value ?? '')));
  }
}

function succeeds(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch {
    return false;
  }
}

/** The ministry service's configuration; the only place that reads the environment (see .env.example). */
export class MinistryConfig extends BusClientConfig {
  /** Interface the HTTP API binds to. */
  @Expose() @IsIP() MINISTRY_HOST: string = '127.0.0.1';

  /** TCP port of the HTTP API. */
  @Expose() @IsInt() @Min(1) @Max(65535) MINISTRY_PORT: number = 3102;

  /** PostgreSQL database of the ministry (cases, alerts, watchlist, companies, statistics, outbox, inbox). */
  @Expose()
  @IsString()
  @Matches(/^postgres(ql)?:\/\//)
  MINISTRY_DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/simpul_ministry';

  /** Signing key directory (registry.json + private keys); required, no default. */
  @Expose() @IsString() SIMPUL_KEYS_DIR!: string;

  /** JSON file of bearer-token SHA-256 hash → unit id (written by the launcher); required, no default. */
  @Expose() @IsString() TOKEN_HASHES_FILE!: string;

  /**
   * Reference units (Polda and checkpoint codes) used to group prevented departures by checkpoint;
   * required, no default (a local run: deploy/reference/units.json, set by the launcher).
   */
  @Expose() @IsString() REFERENCE_UNITS_FILE!: string;

  /** Validity of automatic `dpo` entries (at-large suspects), in days from the arrest's occurredAt. */
  @Expose() @IsInt() @Min(1) @Max(3650) MINISTRY_DPO_VALID_DAYS: number = 180;

  /** Validity of automatic `advisory` entries (other suspects), in days from the arrest's occurredAt. */
  @Expose() @IsInt() @Min(1) @Max(3650) MINISTRY_ADVISORY_VALID_DAYS: number = 180;

  /** Days an `Idempotency-Key` result of a desk request is kept (docs/adr/0008-retention.md). */
  @Expose() @IsInt() @Min(1) @Max(365) MINISTRY_IDEMPOTENCY_RETENTION_DAYS: number = 7;

  /**
   * Seconds a critical alert may stay neither acknowledged nor dispatched before it raises an
   * sla_breached alert (§13). Any integer from 1.
   */
  @Expose() @IsInt() @Min(1) MINISTRY_ACK_SLA_SECONDS: number = 900;

  /** Seconds a team sent on a critical alert has to report (its dueBy), at most a year. */
  @Expose() @IsInt() @Min(1) @Max(31_536_000) MINISTRY_DISPATCH_DUE_CRITICAL_SECONDS: number = 7200;

  /** Seconds a team sent on a high alert has to report. */
  @Expose() @IsInt() @Min(1) @Max(31_536_000) MINISTRY_DISPATCH_DUE_HIGH_SECONDS: number = 43_200;

  /** Seconds a team sent on a medium alert has to report. */
  @Expose() @IsInt() @Min(1) @Max(31_536_000) MINISTRY_DISPATCH_DUE_MEDIUM_SECONDS: number = 172_800;

  /** Seconds a team sent on a low alert has to report. */
  @Expose() @IsInt() @Min(1) @Max(31_536_000) MINISTRY_DISPATCH_DUE_LOW_SECONDS: number = 604_800;

  /**
   * AES-256-GCM key(s) encrypting NIK and passport numbers at rest: the base64 of 32 bytes, or
   * `keyId:base64,...` with the current key first (older keys still decrypt). Required.
   */
  @Expose() @Validate(EncryptionKeysRule) MINISTRY_PII_ENCRYPTION_KEY: string = '';

  /** HMAC key of the blind indexes that stand in for NIK and passport numbers in searches: base64, 32+ bytes. Required. */
  @Expose() @Validate(IndexKeyRule) MINISTRY_PII_INDEX_KEY: string = '';
}

/**
 * What the explicit migration step reads: the database alone (a migration job has no tokens, keys or
 * units to give it).
 */
export class MinistryMigrationConfig {
  @Expose() @IsString() @Matches(/^postgres(ql)?:\/\//) MINISTRY_DATABASE_URL: string =
    'postgres://postgres@127.0.0.1:5432/simpul_ministry';
}
