import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import type { JetStreamClient, JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { BusError, BusErrorCode } from '../errors.js';
import { DeadLetterHeader, NON_COPIED_HEADERS } from '../headers.js';

export const DEAD_LETTER_STREAM = 'DEAD_LETTERS';

/** A dead letter as operators see it: ids, codes and subjects; `body` is the original event (personal data). */
export interface DeadLetter {
  /** Sequence in DEAD_LETTERS: the handle for `replay`. */
  seq: number;
  /** When it was dead-lettered. */
  time: string;
  consumer: string;
  errorCode: string;
  error: string;
  /** Where the original was consumed from, and where a replay publishes it. */
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
    consumer: h.get(DeadLetterHeader.CONSUMER) || stored.subject.replace(/^deadletter\./, ''),
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
  subject: string;
  /**
   * `replayed`: published again (and removed from DEAD_LETTERS unless kept); `already-replayed`:
   * JetStream already holds this replay (same entry replayed within the duplicate window);
   * `same-original`: another entry of the same original message was replayed in this run.
   */
  outcome: 'replayed' | 'already-replayed' | 'same-original';
}

export interface ReplayOptions {
  /** Keep the dead letters after replaying (default: delete them once the replay is stored). */
  keep?: boolean;
  /** Only this durable's dead letters (with `all`). */
  consumer?: string;
}

/**
 * Publishes dead letters again, unchanged (original body and headers, so signatures still verify),
 * to their original subject; every consumer of that subject sees it again, and the inbox makes it
 * a no-op where it was applied already. `target` is a DEAD_LETTERS sequence number, an event id,
 * or 'all'. The replay's `Nats-Msg-Id` is `<event id>.replay.<dead letter seq>`: JetStream would
 * drop the original id as a duplicate within its window, while replaying the same entry twice in a
 * row is still stored once.
 */
export async function replayDeadLetters(
  bus: { js: JetStreamClient; jsm: JetStreamManager },
  target: number | string | 'all',
  options: ReplayOptions = {},
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
  const replayedOriginals = new Set<string>();
  for (const letter of selected) {
    if (!letter.subject) {
      throw new BusError(
        BusErrorCode.DEAD_LETTER_NOT_FOUND,
        `dead letter ${letter.seq} has no original subject`,
      );
    }
    // The same original message dead-lettered by two consumers: one replay serves both.
    const original = `${letter.stream}:${letter.streamSequence}`;
    if (replayedOriginals.has(original)) {
      results.push({
        seq: letter.seq,
        eventId: letter.eventId,
        subject: letter.subject,
        outcome: 'same-original',
      });
    } else {
      const h = natsHeaders();
      for (const [key, values] of letter.headers) {
        const lower = key.toLowerCase();
        if (NON_COPIED_HEADERS.has(lower) || lower.startsWith('simpul-dl-')) continue;
        for (const value of values) h.append(key, value);
      }
      const ack = await bus.js.publish(letter.subject, letter.body, {
        headers: h,
        msgID: `${letter.eventId ?? original}.replay.${letter.seq}`,
      });
      replayedOriginals.add(original);
      results.push({
        seq: letter.seq,
        eventId: letter.eventId,
        subject: letter.subject,
        outcome: ack.duplicate ? 'already-replayed' : 'replayed',
      });
    }
    if (!options.keep) await bus.jsm.streams.deleteMessage(DEAD_LETTER_STREAM, letter.seq, false);
  }
  return results;
}
