import { Expose } from 'class-transformer';
import { IsIP, IsInt, Max, Min } from 'class-validator';

/** The police service's configuration; the only place that reads the environment (see .env.example). */
export class PoliceConfig {
  /** Interface the HTTP API binds to. */
  @Expose() @IsIP() POLICE_HOST: string = '127.0.0.1';

  /** TCP port of the HTTP API. */
  @Expose() @IsInt() @Min(1) @Max(65535) POLICE_PORT: number = 3101;
}
