import {
  buildEvent,
  EventValidationError,
  poldaSource,
  type BuildEventOptions,
  type EventDataMap,
  type EventType,
  type SimpulEvent,
} from '@simpul/contracts';
import {
  bodyProblems,
  isPlainObject,
  normaliseBodyPhoneNumbers,
  phoneNumberPaths,
  type ValidationIssue,
} from '@simpul/http';

export type BuiltFromBody<T extends EventType> =
  { ok: true; event: SimpulEvent<T> } | { ok: false; problems: ValidationIssue[] };

/**
 * Builds the event a police body describes, validated by the contract (every failing field, as body
 * paths), adding `problems` found before (ids the caller must not send). Phone numbers are read into
 * E.164 first, wherever the type holds them. The source is the Polda the body names. Pure apart from
 * the event id and time the builder makes.
 */
export function buildFromBody<T extends EventType>(
  type: T,
  data: Record<string, unknown>,
  problems: ValidationIssue[],
  options: Omit<BuildEventOptions, 'source'> = {},
): BuiltFromBody<T> {
  const polda = typeof data.polda === 'string' ? data.polda : 'unknown';
  try {
    const normalised = normaliseBodyPhoneNumbers(data, phoneNumberPaths(type));
    const event = buildEvent(type, normalised as unknown as EventDataMap[T], {
      ...options,
      source: poldaSource(polda),
    });
    return problems.length > 0 ? { ok: false, problems: bodyProblems([], problems) } : { ok: true, event };
  } catch (error) {
    if (!(error instanceof EventValidationError)) throw error;
    const mapped = bodyProblems(error.issues, problems);
    // Only envelope issues (which the service fills) would be a bug here: report them rather than pass.
    return {
      ok: false,
      problems: mapped.length > 0 ? mapped : error.issues.map((i) => ({ ...i })),
    };
  }
}

export { isPlainObject };
