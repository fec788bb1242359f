// The one strict entry from bytes to a typed event (docs/contract.md §4-5).
import type { AnyEvent } from './registry.js';
import { compiledIssues } from './validation/compiled.js';
import { decodeJson, guardAndDispatch } from './validation/guards.js';
import { issue, type ValidationIssue } from './validation/issues.js';
import { referenceIssues } from './validation/reference.js';

/** The outcome of parsing or validating an event: the event, or every problem found. */
export type ParseResult = { ok: true; event: AnyEvent } | { ok: false; errors: ValidationIssue[] };

type IssuesOf = typeof compiledIssues;

// Never throws: a bug in a validator becomes an `internal` issue, not an exception in a consumer.
function validateWith(value: unknown, issuesOf: IssuesOf): ParseResult {
  try {
    const dispatched = guardAndDispatch(value);
    if (!dispatched.ok) return dispatched;
    const errors = issuesOf(dispatched.type, value as Record<string, unknown>);
    return errors.length === 0 ? { ok: true, event: value as AnyEvent } : { ok: false, errors };
  } catch {
    return { ok: false, errors: [issue('', 'internal')] };
  }
}

/**
 * Parses raw bytes (or text) into a valid event, or returns every problem with its field path and
 * rule. Strict: at most MAX_EVENT_BYTES, strict UTF-8 JSON, nesting at most MAX_DEPTH, no
 * `__proto__`/`constructor`/`prototype` keys, unknown properties rejected, no coercion, cross-field
 * rules enforced. Never throws. The event returned is the parsed object itself, unchanged.
 */
export function parseEvent(raw: Uint8Array | string): ParseResult {
  try {
    const decoded = decodeJson(raw);
    if (!decoded.ok) return decoded;
    return validateWith(decoded.value, compiledIssues);
  } catch {
    return { ok: false, errors: [issue('', 'internal')] };
  }
}

/**
 * Validates an already-parsed value with the compiled validator (the same checks as parseEvent
 * except the byte size, which only bytes have). Never throws; does not modify the value.
 */
export function validateEvent(value: unknown): ParseResult {
  return validateWith(value, compiledIssues);
}

/**
 * Validates an already-parsed value with the class-validator classes: the reference path (slower),
 * which the differential test proves equivalent to validateEvent. Never throws; does not modify the value.
 */
export function validateWithClasses(value: unknown): ParseResult {
  return validateWith(value, referenceIssues);
}
