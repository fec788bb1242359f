// The builder producers use: it fills in the envelope (id, time, specversion, dataschema,
// correlation), serialises, and validates exactly what will travel, through parseEvent itself.
import { DATA_CONTENT_TYPE, dataSchemaFor, SPEC_VERSION } from './envelope/envelope.js';
import { uuidv7 } from './ids/uuidv7.js';
import { parseEvent } from './parse.js';
import type { EventDataMap, EventType, SimpulEvent } from './registry.js';
import type { ValidationIssue } from './validation/issues.js';

/** Thrown by buildEvent when the event it would produce is invalid; `.issues` say why (no values). */
export class EventValidationError extends Error {
  readonly code = 'CONTRACTS.EVENT_INVALID';
  constructor(
    readonly eventType: string,
    readonly issues: ValidationIssue[],
  ) {
    super(`invalid ${eventType} event: ${issues.map((i) => i.message).join('; ')}`);
    this.name = 'EventValidationError';
  }
}

export interface BuildEventOptions {
  /** The publishing unit's CloudEvents source (`/polri/polda/riau`); must name the unit in the data. */
  source: string;
  /** The case or flow (UUID); defaults to the new event's id (a flow starts here). */
  correlationId?: string;
  /** The event or request (UUID) that caused this one. */
  causationId?: string;
  /** CloudEvents `subject`: the case it concerns (`case/<report number>`). */
  subject?: string;
  /** When the fact happened; defaults to now. Written as ISO 8601 UTC with milliseconds. */
  time?: Date;
  /** Event id (UUID); defaults to a new UUIDv7. Give one only to re-create a known event. */
  id?: string;
}

/**
 * Builds a complete, validated event of `type`. The data is copied through JSON (what the wire
 * carries), so the result shares nothing with the argument; undefined fields disappear.
 * @throws EventValidationError when the event would be invalid (including over 256 KiB).
 */
export function buildEvent<T extends EventType>(
  type: T,
  data: EventDataMap[T],
  opts: BuildEventOptions,
): SimpulEvent<T> {
  const id = opts.id ?? uuidv7();
  const envelope = {
    specversion: SPEC_VERSION,
    id,
    source: opts.source,
    type,
    ...(opts.subject !== undefined ? { subject: opts.subject } : {}),
    time: (opts.time ?? new Date()).toISOString(),
    datacontenttype: DATA_CONTENT_TYPE,
    dataschema: dataSchemaFor(type),
    correlationid: opts.correlationId ?? id,
    ...(opts.causationId !== undefined ? { causationid: opts.causationId } : {}),
    data,
  };
  let json: string;
  try {
    json = JSON.stringify(envelope);
  } catch {
    throw new EventValidationError(type, [
      { path: 'data', rule: 'json', message: 'data: cannot be serialised to JSON [json]' },
    ]);
  }
  const result = parseEvent(json);
  if (!result.ok) throw new EventValidationError(type, result.errors);
  return result.event as SimpulEvent<T>;
}
