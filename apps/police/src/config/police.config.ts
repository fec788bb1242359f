import { Expose } from 'class-transformer';
import { IsIP, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { BusClientConfig } from '@simpul/bus';

/** The repository root: apps/police/{src,dist}/config/ is three levels below it. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The police service's configuration; the only place that reads the environment (see .env.example). */
export class PoliceConfig extends BusClientConfig {
  /** Interface the HTTP API binds to. */
  @Expose() @IsIP() POLICE_HOST: string = '127.0.0.1';

  /** TCP port of the HTTP API. */
  @Expose() @IsInt() @Min(1) @Max(65535) POLICE_PORT: number = 3101;

  /** PostgreSQL database of the police service (its own store, docs/contract.md §1). Holds personal data. */
  @Expose() @IsString() @Matches(/^postgres(ql)?:\/\//) POLICE_DATABASE_URL: string =
    'postgres://postgres@127.0.0.1:5432/simpul_police';

  /** Dev/demo Ed25519 key directory (registry.json + private/); keys of served Polda are generated when missing. */
  @Expose() @IsString() SIMPUL_KEYS_DIR: string = join(REPO_ROOT, '.simpul', 'keys');

  /** File mapping SHA-256 hashes of API tokens to unit ids (written by the launcher). */
  @Expose() @IsString() TOKEN_HASHES_FILE: string = join(REPO_ROOT, '.simpul', 'token-hashes.json');

  /** Polda codes this deployment serves, comma-separated (`riau,kepri`); empty = every Polda of the reference units. */
  @Expose() @IsString() @Matches(/^[a-z0-9,\s-]*$/) POLICE_UNITS: string = '';
}
