// Idempotency-Key decisions (docs/contract.md §6), as pure functions shared by every service's POST routes.
import { createHash } from 'node:crypto';
import type { ValidationIssue } from '../errors/api-error.js';

/** Longest accepted `Idempotency-Key` header, in characters. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** The problem with an `Idempotency-Key` header value, or undefined when it is absent or usable. */
export function idempotencyKeyProblem(key: string | undefined): ValidationIssue | undefined {
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    return {
      path: 'headers.idempotency-key',
      rule: 'pattern',
      message: `headers.idempotency-key: must be 1-${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters [pattern]`,
    };
  }
  return undefined;
}

/**
 * What identifies a request for idempotency: the operation (method, route and path ids) and the
 * body, as SHA-256 hex of their canonical JSON (key order and surrounding whitespace do not matter).
 */
export function requestHash(operation: string, canonicalBody: string): string {
  return createHash('sha256').update(operation).update('\u0000').update(canonicalBody).digest('hex');
}

export type IdempotentReplay =
  { kind: 'replay'; statusCode: number; response: Record<string, unknown> } | { kind: 'conflict' };

/** A stored first result answers a repeat with the same request; another request under the key is a conflict. */
export function replayOf(
  stored: { requestHash: string; statusCode: number; response: Record<string, unknown> },
  hash: string,
): IdempotentReplay {
  return stored.requestHash === hash
    ? { kind: 'replay', statusCode: stored.statusCode, response: stored.response }
    : { kind: 'conflict' };
}
