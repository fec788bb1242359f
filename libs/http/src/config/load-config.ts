import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** Thrown when the environment does not satisfy a service's config class: names variables and rules, never values. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Builds a validated config object from environment variables. Only config modules call this
 * (docs/conventions.md §8): a bad value stops the service before it listens. Property names of the
 * class are the variable names; `@Expose()` them, give defaults as property initialisers, and annotate
 * their types explicitly (`PORT: number = 3101`): the conversion from strings reads the emitted type.
 */
export function loadConfig<T extends object>(
  configClass: new () => T,
  env: Record<string, string | undefined> = process.env,
): T {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const config = plainToInstance(configClass, defined, {
    enableImplicitConversion: true,
    excludeExtraneousValues: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(flatten(errors));
  return config;
}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.keys(error.constraints ?? {}).map((rule) => `${error.property}: fails rule ${rule}`),
  );
}
