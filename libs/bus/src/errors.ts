/**
 * Stable error codes of the bus. Operators and dead letters see these strings; tests and callers
 * match on them, so they never change meaning. Messages name ids, types and subjects only: never
 * personal data from an event body.
 */
export const BusErrorCode = {
  /** A message has no `Simpul-Signature` or `Simpul-Key` header. */
  SIGNATURE_MISSING: 'BUS.SIGNATURE_MISSING',
  /** The Ed25519 signature does not match the body. */
  SIGNATURE_INVALID: 'BUS.SIGNATURE_INVALID',
  /** `Simpul-Key` names a key the registry does not know. */
  KEY_UNKNOWN: 'BUS.KEY_UNKNOWN',
  /** The key is registered, but not for the event's `source`. */
  KEY_NOT_AUTHORIZED: 'BUS.KEY_NOT_AUTHORIZED',
  /** The event's `source` does not own the NATS subject's agency or unit token. */
  SOURCE_NOT_OWNER: 'BUS.SOURCE_NOT_OWNER',
  /** The NATS subject is not the one derived from the event (type and unit token). */
  SUBJECT_MISMATCH: 'BUS.SUBJECT_MISMATCH',
  /** The body is not a valid event of a known type (`@simpul/contracts` said no). */
  EVENT_INVALID: 'BUS.EVENT_INVALID',
  /** The consumer has no handler for the event's type. */
  NO_HANDLER: 'BUS.NO_HANDLER',
  /** A handler threw an error it declared as poison: retrying cannot help. */
  HANDLER_POISON: 'BUS.HANDLER_POISON',
  /** A consumer transaction ran past the handler time limit: cancelled, rolled back, retried later. */
  HANDLER_TIMEOUT: 'BUS.HANDLER_TIMEOUT',
  /** A retryable failure happened on the last allowed delivery. */
  RETRIES_EXHAUSTED: 'BUS.RETRIES_EXHAUSTED',
  /** `append` was called outside a transaction: the event would not commit with the state change. */
  OUTBOX_NEEDS_TRANSACTION: 'BUS.OUTBOX_NEEDS_TRANSACTION',
  /** The outbox refused an event that is not valid per the contracts. */
  OUTBOX_EVENT_INVALID: 'BUS.OUTBOX_EVENT_INVALID',
  /** This deployment holds no private key for the event's `source`. */
  SIGNER_MISSING: 'BUS.SIGNER_MISSING',
  /** A stream or consumer exists with a setting that cannot be updated in place. */
  PROVISION_CONFLICT: 'BUS.PROVISION_CONFLICT',
  /** The NATS connection is not (yet) established. */
  NOT_CONNECTED: 'BUS.NOT_CONNECTED',
  /** No dead letter matches the given id. */
  DEAD_LETTER_NOT_FOUND: 'BUS.DEAD_LETTER_NOT_FOUND',
  /** A configuration value of the bus is invalid. */
  CONFIG_INVALID: 'BUS.CONFIG_INVALID',
  /** A key registry or key file cannot be read or is malformed. */
  KEY_FILE_INVALID: 'BUS.KEY_FILE_INVALID',
} as const;
export type BusErrorCode = (typeof BusErrorCode)[keyof typeof BusErrorCode];

/** An error of the bus itself, with a stable code. */
export class BusError extends Error {
  constructor(
    readonly code: BusErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'BusError';
  }
}

/**
 * Thrown (or subclassed) by a handler when retrying cannot succeed: the message goes straight to
 * DEAD_LETTERS. `code` is the handler's own stable code (e.g. `MINISTRY.CASE_CLOSED`); `message`
 * must not contain personal data, because it travels with the dead letter.
 */
export class PoisonMessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}

/** Thrown by a handler to ask for a retry after a given delay (milliseconds) instead of the backoff. */
export class RetryLaterError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly delayMs?: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** What the bus records about a failure: stable fields only, never a raw message of an unknown error. */
export interface SafeErrorDescription {
  /** A stable code: the error's own `code` string when it has one, else `BUS.UNEXPECTED_ERROR`. */
  code: string;
  /** The error class name, e.g. `QueryFailedError`. */
  name: string;
  /**
   * A message known to be free of personal data: ours and declared handler errors carry theirs;
   * for other errors only schema facts (a PostgreSQL SQLSTATE and constraint name) are kept, since
   * a driver message may quote the offending values.
   */
  message: string;
}

/**
 * Describes an error for logs and dead letters without leaking personal data (docs/contract.md §9):
 * unknown errors keep their name and code, never their message.
 */
export function describeError(error: unknown): SafeErrorDescription {
  if (error instanceof BusError || error instanceof PoisonMessageError || error instanceof RetryLaterError) {
    return { code: error.code, name: error.name, message: error.message };
  }
  if (error instanceof Error) {
    const e = error as Error & {
      code?: unknown;
      constraint?: unknown;
      driverError?: { code?: unknown; constraint?: unknown };
    };
    const rawCode = typeof e.driverError?.code === 'string' ? e.driverError.code : e.code;
    // PostgreSQL SQLSTATEs are five characters starting with a digit (23505 unique_violation).
    const sqlState = typeof rawCode === 'string' && /^[0-9][0-9A-Z]{4}$/.test(rawCode) ? rawCode : undefined;
    const constraint =
      typeof e.driverError?.constraint === 'string'
        ? e.driverError.constraint
        : typeof e.constraint === 'string'
          ? e.constraint
          : undefined;
    const code =
      typeof e.code === 'string' && /^[A-Z][A-Z0-9_.]+$/.test(e.code) ? e.code : 'BUS.UNEXPECTED_ERROR';
    const facts = [sqlState && `sqlstate ${sqlState}`, constraint && `constraint ${constraint}`].filter(
      Boolean,
    );
    return { code, name: e.name, message: facts.length ? facts.join(', ') : `${e.name} (message withheld)` };
  }
  return { code: 'BUS.UNEXPECTED_ERROR', name: typeof error, message: 'non-Error thrown (message withheld)' };
}
