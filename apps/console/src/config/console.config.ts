import { Expose } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { loadConfig } from '@simpul/http';

const URL_RULE = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/**
 * The console's server: where it listens, where the built pages are, and which service answers
 * which part of the API. Validated before it listens (a bad value names the variable, never the value).
 */
export class ConsoleConfig {
  @Expose() @IsInt() @Min(1) @Max(65535) CONSOLE_PORT: number = 3100;
  @Expose() @IsString() CONSOLE_HOST: string = '127.0.0.1';
  @Expose() @IsUrl(URL_RULE) CONSOLE_POLICE_URL: string = 'http://127.0.0.1:3101';
  @Expose() @IsUrl(URL_RULE) CONSOLE_MINISTRY_URL: string = 'http://127.0.0.1:3102';
  /** The immigration deployment that serves a checkpoint not named in CONSOLE_CHECKPOINT_URLS. */
  @Expose() @IsUrl(URL_RULE) CONSOLE_IMMIGRATION_URL: string = 'http://127.0.0.1:3103';
  /**
   * Checkpoints served by another immigration deployment (a site's, in the national topology):
   * `batam-center=http://127.0.0.1:4103,dumai=http://127.0.0.1:4203`.
   */
  @Expose()
  @IsOptional()
  @Matches(/^([a-z0-9-]+=https?:\/\/[^,=\s]+)(,[a-z0-9-]+=https?:\/\/[^,=\s]+)*$/)
  CONSOLE_CHECKPOINT_URLS?: string;
  /** The built pages (vite build output); default: apps/console/dist/web. */
  @Expose() @IsOptional() @IsString() CONSOLE_WEB_DIR?: string;
}

export function loadConsoleConfig(env: Record<string, string | undefined> = process.env): ConsoleConfig {
  return loadConfig(ConsoleConfig, env);
}
