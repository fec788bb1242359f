import { isDateTimeWithZone } from '@simpul/contracts';
import type { ValidationIssue } from '../errors/api-error.js';
import { validationFailed } from '../errors/validation-failed.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads a route's query parameters, collecting every problem, then throws one 400 naming all of them
 * (done()). Which names a route accepts is its `@ApiQuery` list, enforced before the handler by
 * HttpEdgeInterceptor; this reads and checks the values. Messages name the parameter, never its value.
 */
export class QueryReader {
  private readonly problems: ValidationIssue[] = [];

  constructor(private readonly query: Record<string, unknown>) {}

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined {
    const value = this.query[name];
    if (value === undefined || value === '') return fallback;
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.problems.push({
        path: name,
        rule: 'enum',
        message: `${name}: must be one of ${allowed.join(', ')} [enum]`,
      });
      return fallback;
    }
    return value as T;
  }

  instant(name: string): Date | undefined {
    const value = this.query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || !isDateTimeWithZone(value)) {
      this.problems.push({
        path: name,
        rule: 'dateTime',
        message: `${name}: must be an ISO 8601 date-time with a zone [dateTime]`,
      });
      return undefined;
    }
    return new Date(value);
  }

  /** An integer `min`-`max`; `fallback` (or undefined without one) when the parameter is absent. */
  int(name: string, min: number, max: number, fallback: number): number;
  int(name: string, min: number, max: number): number | undefined;
  int(name: string, min: number, max: number, fallback?: number): number | undefined {
    const value = this.query[name];
    if (value === undefined || value === '') return fallback;
    const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      this.problems.push({
        path: name,
        rule: 'range',
        message: `${name}: must be an integer ${min}-${max} [range]`,
      });
      return fallback;
    }
    return n;
  }

  uuid(name: string): string | undefined {
    const value = this.query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || !UUID.test(value)) {
      this.problems.push({ path: name, rule: 'uuid', message: `${name}: must be a UUID [uuid]` });
      return undefined;
    }
    return value;
  }

  /** Throws 400 VALIDATION_FAILED when any parameter was bad. */
  done(): void {
    if (this.problems.length > 0) throw validationFailed(this.problems);
  }
}
