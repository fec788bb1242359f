import { childPath } from '@simpul/contracts';
import type { ValidationIssue } from '../errors/api-error.js';

/**
 * Where @nestjs/swagger's `@ApiQuery` stores a route's parameters. The documented query parameters
 * of a route are exactly the ones it accepts: one list, so the OpenAPI document cannot drift.
 */
export const API_PARAMETERS_METADATA = 'swagger/apiParameters';

/** The query parameter names a route handler declares with `@ApiQuery`. */
export function declaredQueryParameters(handler: object): string[] {
  const parameters = (Reflect.getMetadata(API_PARAMETERS_METADATA, handler) ?? []) as Array<{
    in?: string;
    name?: string;
  }>;
  return parameters.filter((p) => p.in === 'query' && typeof p.name === 'string').map((p) => p.name!);
}

/**
 * A problem for every query parameter outside `allowed`. Never the value (`?nik=…` is personal
 * data), and the name only when it is shaped like a property name (a name can be personal data too:
 * `?3171234567890001`), as the contract does for unknown properties.
 */
export function unknownQueryProblems(
  query: Record<string, unknown>,
  allowed: readonly string[],
): ValidationIssue[] {
  return Object.keys(query)
    .filter((name) => !allowed.includes(name))
    .map((name) => {
      const path = childPath('', name);
      return {
        path,
        rule: 'unknownParameter',
        message: `${path}: is not a query parameter of this route [unknownParameter]`,
      };
    });
}
