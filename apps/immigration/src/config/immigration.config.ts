import { Expose } from 'class-transformer';
import { IsIP, IsInt, Max, Min } from 'class-validator';

/** The immigration service's configuration; the only place that reads the environment (see .env.example). */
export class ImmigrationConfig {
  /** Interface the HTTP API binds to. */
  @Expose() @IsIP() IMMIGRATION_HOST: string = '127.0.0.1';

  /** TCP port of the HTTP API. */
  @Expose() @IsInt() @Min(1) @Max(65535) IMMIGRATION_PORT: number = 3103;
}
