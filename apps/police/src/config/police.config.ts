import { Expose } from 'class-transformer';
import { IsIP, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { BusClientConfig, policeLeadsDurable, policeMatchesDurable } from '@simpul/bus';

/** A police deployment's unit id: `police:<code>`. */
const POLICE_DEPLOYMENT = /^police:[a-z0-9][a-z0-9-]*$/;

/** The police service's configuration; the only place that reads the environment (see .env.example). */
export class PoliceConfig extends BusClientConfig {
  /** Interface the HTTP API binds to. */
  @Expose() @IsIP() POLICE_HOST: string = '127.0.0.1';

  /** TCP port of the HTTP API. */
  @Expose() @IsInt() @Min(1) @Max(65535) POLICE_PORT: number = 3101;

  /** PostgreSQL database of the police service (its own store, docs/contract.md §1). Holds personal data. */
  @Expose() @IsString() @Matches(/^postgres(ql)?:\/\//) POLICE_DATABASE_URL: string =
    'postgres://postgres@127.0.0.1:5432/simpul_police';

  /** Ed25519 key directory (registry.json + private/); required, no default. */
  @Expose() @IsString() SIMPUL_KEYS_DIR!: string;

  /** File mapping SHA-256 hashes of API tokens to unit ids (written by the launcher); required, no default. */
  @Expose() @IsString() TOKEN_HASHES_FILE!: string;

  /** Reference units, which `POLICE_UNITS` is checked against; required (local run: deploy/reference/units.json). */
  @Expose() @IsString() REFERENCE_UNITS_FILE!: string;

  /** Polda codes this deployment serves, comma-separated (`riau,kepri`); empty = every Polda of the reference units. */
  @Expose() @IsString() @Matches(/^[a-z0-9,\s-]*$/) POLICE_UNITS: string = '';

  /**
   * This deployment's unit id in the registry (deploy/agencies.yaml): `police:<code>` reads the
   * checkpoint matches of its own durable `police-<code>-matches` and the patrol's leads of
   * `police-<code>-leads`. Default: the single deployment of a local run. Several deployments need
   * several ids (each one's consumers are provisioned from the registry).
   */
  @Expose() @Matches(POLICE_DEPLOYMENT) POLICE_DEPLOYMENT: string = 'police:gateway';
}

/** The durable consumer of a police deployment's checkpoint matches: `police:riau` → `police-riau-matches`. */
export function matchesDurableOf(deployment: string): string {
  return policeMatchesDurable(policeDeploymentCode(deployment));
}

/** The durable consumer of a police deployment's leads (the patrol's findings): `police:riau` → `police-riau-leads`. */
export function leadsDurableOf(deployment: string): string {
  return policeLeadsDurable(policeDeploymentCode(deployment));
}

/** `police:riau` → `riau`, the token the deployment's durable is named with. */
export function policeDeploymentCode(deployment: string): string {
  return deployment.slice('police:'.length);
}

/**
 * What the explicit migration step reads: the database alone (a migration job has no tokens, keys or
 * units to give it).
 */
export class PoliceMigrationConfig {
  @Expose() @IsString() @Matches(/^postgres(ql)?:\/\//) POLICE_DATABASE_URL: string =
    'postgres://postgres@127.0.0.1:5432/simpul_police';
}
