import { Expose } from 'class-transformer';
import { IsIP, IsInt, Max, Min } from 'class-validator';

/** The ministry service's configuration; the only place that reads the environment (see .env.example). */
export class MinistryConfig {
  /** Interface the HTTP API binds to. */
  @Expose() @IsIP() MINISTRY_HOST: string = '127.0.0.1';

  /** TCP port of the HTTP API. */
  @Expose() @IsInt() @Min(1) @Max(65535) MINISTRY_PORT: number = 3102;
}
