import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import type { JetStreamClient, JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { contractSubjectFor, parseContractEvent, type BusEvent } from '../contracts.js';
import { BusError, BusErrorCode, describeError } from '../errors.js';
import { DeadLetterHeader, NON_COPIED_HEADERS } from '../headers.js';
import { INBOX_RETENTION_MS, REPLAY_SAFETY_MARGIN_MS } from '../outbox/inbox-retention.js';
import { simpulStreams, streamForSubject } from '../provisioning/topology.js';
import type { KeyRegistry } from '../signing/registry.js';
import { authorizeEvent, verifySignature } from '../signing/verify.js';

export const DEAD_LETTER_STREAM = 'DEAD_LETTERS';

/** A dead letter as operators see it: ids, codes and subjects; `body` is the original event (personal data). */
export interface DeadLetter {
  /** Sequence in DEAD_LETTERS: the handle for `replay`. */
  seq: number;
  /** When it was dead-lettered. */
  time: string;
  /**
   * The durable whose dead letter this is, read from the DEAD_LETTERS subject
   * (`deadletter.<durable>`): only the unit reading that durable may publish there, so this names
   * who stored the letter. The `Simpul-DL-Consumer` header is the publisher's claim and is not used.
   */
  consumer: string;
  errorCode: string;
  error: string;
  /**
   * Where the original was consumed from, as the dead letter claims (`Simpul-DL-Subject`): shown to
   * operators, never used by replay, which derives the subject from the body.
   */
  subject: string;
  stream: string;
  streamSequence: number;
  deliveries: number;
  /** From the body when it is JSON with these members (undefined for garbage bodies). */
  eventId?: string;
  type?: string;
  headers: MsgHdrs;
  body: Uint8Array;
}

export interface ListDeadLettersOptions {
  /** Only this durable's dead letters. */
  consumer?: string;
  /** At most this many, oldest first. */
  limit?: number;
}

/** Reads DEAD_LETTERS oldest first (direct message gets: no consumer is created). */
export async function listDeadLetters(
  jsm: JetStreamManager,
  options: ListDeadLettersOptions = {},
): Promise<DeadLetter[]> {
  const info = await jsm.streams.info(DEAD_LETTER_STREAM);
  const out: DeadLetter[] = [];
  const filter = options.consumer ? `deadletter.${options.consumer}` : 'deadletter.>';
  let seq = info.state.first_seq;
  const last = info.state.last_seq;
  while (seq <= last && info.state.messages > 0) {
    if (options.limit !== undefined && out.length >= options.limit) break;
    // next_by_subj skips deleted (replayed) entries and other consumers' letters in one request.
    const stored = await jsm.streams.getMessage(DEAD_LETTER_STREAM, {
      seq,
      next_by_subj: filter,
    } as unknown as { seq: number });
    if (!stored) break;
    out.push(toDeadLetter(stored));
    seq = stored.seq + 1;
  }
  return out;
}

export function toDeadLetter(stored: StoredMsg): DeadLetter {
  const h = stored.header;
  let eventId: string | undefined;
  let type: string | undefined;
  try {
    const body = JSON.parse(new TextDecoder().decode(stored.data)) as { id?: unknown; type?: unknown };
    if (typeof body.id === 'string') eventId = body.id;
    if (typeof body.type === 'string') type = body.type;
  } catch {
    // Not JSON: that is probably why it is here.
  }
  return {
    seq: stored.seq,
    time: h.get(DeadLetterHeader.TIME) || stored.time.toISOString(),
    consumer: stored.subject.replace(/^deadletter\./, ''),
    errorCode: h.get(DeadLetterHeader.ERROR_CODE),
    error: h.get(DeadLetterHeader.ERROR),
    subject: h.get(DeadLetterHeader.SUBJECT),
    stream: h.get(DeadLetterHeader.STREAM),
    streamSequence: Number(h.get(DeadLetterHeader.SEQUENCE) || 0),
    deliveries: Number(h.get(DeadLetterHeader.DELIVERIES) || 0),
    eventId,
    type,
    headers: h,
    body: stored.data,
  };
}

export interface ReplayResult {
  seq: number;
  eventId?: string;
  /** The subject the replay published to (derived from the body), or the letter's claim when refused. */
  subject: string;
  /**
   * `replayed`: published again (and removed from DEAD_LETTERS unless kept); `already-replayed`:
   * JetStream already holds this replay (same entry replayed within the duplicate window);
   * `same-original`: another entry of the same event was replayed in this run; `refused`: not
   * published and left in DEAD_LETTERS, `refusal` says why.
   */
  outcome: 'replayed' | 'already-replayed' | 'same-original' | 'refused';
  refusal?: { code: string; message: string };
}

export interface ReplayOptions {
  /** The key registry every replayed body must verify against (the consumers' registry). */
  registry: KeyRegistry;
  /** Keep the dead letters after replaying (default: delete them once the replay is stored). */
  keep?: boolean;
  /** Only this durable's dead letters (with `all`). */
  consumer?: string;
  /**
   * How long consumers keep inbox rows (default INBOX_RETENTION_MS). An event older than that
   * (less a safety margin) is refused: its inbox rows may be pruned, and it would apply twice.
   */
  inboxRetentionMs?: number;
  /** The clock, for tests of the age rule. */
  now?: () => number;
}

/** Code of a refusal because the event is older than the inbox remembers. */
export const REPLAY_TOO_OLD = 'BUS.REPLAY_TOO_OLD';

/**
 * Publishes dead letters again. A dead letter is written by whoever reads a durable, so nothing in
 * it is trusted except what the body proves: replay publishes the body only to the event subject
 * derived from the body itself (`type` + unit token, the contract's subject rule), only when it
 * parses as an event, its signature verifies against `registry` and its source may publish on
 * that subject (the same checks a consumer makes), and only on a subject a Simpul event stream
 * takes, so never `$JS.>`, `$SYS.>`, `_INBOX.>` or a dead-letter subject. Anything else is
 * reported as `refused` with the reason and left in place. Original headers are copied (the
 * signature must still verify at the consumers); the `Simpul-DL-*` ones are not.
 *
 * `target` is a DEAD_LETTERS sequence number, an event id, or 'all'. The replay's `Nats-Msg-Id`
 * is `<event id>.replay.<dead letter seq>`: JetStream would drop the original id as a duplicate
 * within its window, while replaying the same entry twice in a row is still stored once; the
 * consumers' inbox makes a replay of an applied event a no-op.
 */
export async function replayDeadLetters(
  bus: { js: JetStreamClient; jsm: JetStreamManager },
  target: number | string | 'all',
  options: ReplayOptions,
): Promise<ReplayResult[]> {
  const letters = await listDeadLetters(bus.jsm, { consumer: options.consumer });
  const selected =
    target === 'all'
      ? letters
      : letters.filter((l) =>
          typeof target === 'number' ? l.seq === target : l.eventId === target || String(l.seq) === target,
        );
  if (selected.length === 0) {
    throw new BusError(BusErrorCode.DEAD_LETTER_NOT_FOUND, `no dead letter matches ${String(target)}`);
  }
  const results: ReplayResult[] = [];
  const replayedEvents = new Set<string>();
  for (const letter of selected) {
    const admitted = admitForReplay(letter, options);
    if (!admitted.ok) {
      results.push({
        seq: letter.seq,
        eventId: letter.eventId,
        subject: letter.subject,
        outcome: 'refused',
        refusal: admitted.refusal,
      });
      continue;
    }
    const { event, subject } = admitted;
    // The same event dead-lettered by two consumers: one replay serves both.
    if (replayedEvents.has(event.id)) {
      results.push({ seq: letter.seq, eventId: event.id, subject, outcome: 'same-original' });
    } else {
      const h = natsHeaders();
      for (const [key, values] of letter.headers) {
        const lower = key.toLowerCase();
        if (NON_COPIED_HEADERS.has(lower) || lower.startsWith('simpul-dl-')) continue;
        for (const value of values) h.append(key, value);
      }
      const ack = await bus.js.publish(subject, letter.body, {
        headers: h,
        msgID: `${event.id}.replay.${letter.seq}`,
      });
      replayedEvents.add(event.id);
      results.push({
        seq: letter.seq,
        eventId: event.id,
        subject,
        outcome: ack.duplicate ? 'already-replayed' : 'replayed',
      });
    }
    if (!options.keep) await bus.jsm.streams.deleteMessage(DEAD_LETTER_STREAM, letter.seq, false);
  }
  return results;
}

type Admission =
  { ok: true; event: BusEvent; subject: string } | { ok: false; refusal: { code: string; message: string } };

/** The subjects a replay may publish to: those of Simpul's event streams (not DEAD_LETTERS). */
const EVENT_STREAMS = simpulStreams().filter((s) => s.name !== DEAD_LETTER_STREAM);

/** The checks a consumer would make, applied before anything is published. */
function admitForReplay(letter: DeadLetter, options: ReplayOptions): Admission {
  const parsed = parseContractEvent(letter.body);
  if (!parsed.ok) {
    return refuse(
      BusErrorCode.EVENT_INVALID,
      `dead letter ${letter.seq} is not a valid event (${parsed.errors.map((e) => `${e.path}: ${e.rule}`).join(', ')})`,
    );
  }
  const event = parsed.event;
  let subject: string;
  try {
    subject = contractSubjectFor(event);
  } catch (error) {
    return refuse(BusErrorCode.EVENT_INVALID, `dead letter ${letter.seq}: ${describeError(error).message}`);
  }
  if (!isEventSubject(subject)) {
    return refuse(
      BusErrorCode.SUBJECT_MISMATCH,
      `dead letter ${letter.seq}: ${subject} is not a subject of a Simpul event stream`,
    );
  }
  try {
    const key = verifySignature(letter.body, letter.headers, options.registry);
    authorizeEvent(key, event, subject, subject);
  } catch (error) {
    const d = describeError(error);
    return refuse(d.code, `dead letter ${letter.seq}: ${d.message}`);
  }
  const now = options.now?.() ?? Date.now();
  const limit = (options.inboxRetentionMs ?? INBOX_RETENTION_MS) - REPLAY_SAFETY_MARGIN_MS;
  if (!(now - Date.parse(event.time) < limit)) {
    return refuse(
      REPLAY_TOO_OLD,
      `dead letter ${letter.seq}: event ${event.id} is older than the inbox retention; replaying it could apply it twice`,
    );
  }
  return { ok: true, event, subject };
}

function refuse(code: string, message: string): Admission {
  return { ok: false, refusal: { code, message } };
}

/** An event subject: plain tokens, no system or reply prefix, taken by one of the event streams. */
function isEventSubject(subject: string): boolean {
  if (/^(\$|_INBOX)/.test(subject) || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(subject)) return false;
  return streamForSubject(EVENT_STREAMS, subject) !== undefined;
}
