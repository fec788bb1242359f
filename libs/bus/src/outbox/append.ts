import type { EntityManager } from 'typeorm';
import { BusError, BusErrorCode } from '../errors.js';
import { contractSubjectFor, parseContractEvent, type BusEvent } from '../contracts.js';
import { canonicalJson } from '../signing/canonical.js';
import { childTraceparent, currentTrace, isTraceparent } from '../tracing/traceparent.js';
import { markOutboxWrite } from './commit-hook.js';

export interface AppendOptions {
  /** NATS subject; default derived from the event (`natsSubjectFor`). */
  subject?: string;
  /** W3C trace context to continue; default: a child of the event being handled, else a new trace. */
  traceparent?: string;
  /**
   * Validate against the contracts before writing (default true): a producer bug then fails the
   * caller's request instead of turning into a dead letter at every consumer.
   */
  validate?: boolean;
}

interface PreparedRow {
  eventId: string;
  type: string;
  source: string;
  subject: string;
  body: string;
  headers: string;
}

/**
 * Appends an event to the outbox inside the caller's transaction (docs/contract.md §9: a state change and
 * its event commit together). `manager` must be the transaction's EntityManager, e.g. the one
 * `dataSource.transaction(async (manager) => …)` or a bus handler receives; the relay publishes the
 * event after the commit. Nothing is published if the transaction rolls back.
 */
export async function appendToOutbox(
  manager: EntityManager,
  event: BusEvent,
  options: AppendOptions = {},
): Promise<void> {
  await appendManyToOutbox(manager, [event], options);
}

/** Appends several events in one statement (same rules as `appendToOutbox`; `subject` applies to all). */
export async function appendManyToOutbox(
  manager: EntityManager,
  events: readonly BusEvent[],
  options: AppendOptions = {},
): Promise<void> {
  const queryRunner = manager.queryRunner;
  if (!queryRunner?.isTransactionActive) {
    throw new BusError(
      BusErrorCode.OUTBOX_NEEDS_TRANSACTION,
      'appendToOutbox needs the EntityManager of an active transaction',
    );
  }
  if (events.length === 0) return;
  const rows = events.map((event) => prepare(event, options));
  // PostgreSQL takes at most 65,535 parameters per statement (6 per row here).
  for (let start = 0; start < rows.length; start += 1000) {
    const params: unknown[] = [];
    const values = rows.slice(start, start + 1000).map((r) => {
      const base = params.length;
      params.push(r.eventId, r.type, r.source, r.subject, r.body, r.headers);
      return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}::jsonb)`;
    });
    await manager.query(
      `INSERT INTO bus_outbox (event_id, event_type, source, subject, body, headers) VALUES ${values.join(', ')}`,
      params,
    );
  }
  markOutboxWrite(queryRunner);
}

function prepare(event: BusEvent, options: AppendOptions): PreparedRow {
  const body = canonicalJson(event);
  if (options.validate !== false) {
    const parsed = parseContractEvent(body);
    if (!parsed.ok) {
      throw new BusError(
        BusErrorCode.OUTBOX_EVENT_INVALID,
        `event ${String(event.id)} of type ${String(event.type)} is invalid: ${parsed.errors
          .map((e) => `${e.path} (${e.rule})`)
          .join(', ')}`,
        { errors: parsed.errors.map(({ path, rule }) => ({ path, rule })) },
      );
    }
  }
  const traceparent = isTraceparent(options.traceparent)
    ? options.traceparent
    : childTraceparent(currentTrace.getStore());
  return {
    eventId: event.id,
    type: event.type,
    source: event.source,
    subject: options.subject ?? contractSubjectFor(event),
    body,
    headers: JSON.stringify({ traceparent }),
  };
}
