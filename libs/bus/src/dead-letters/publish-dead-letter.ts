import { createHash } from 'node:crypto';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { SafeErrorDescription } from '../errors.js';
import { BusHeader, DeadLetterHeader, NON_COPIED_HEADERS } from '../headers.js';

/** Dead letters of consumer `durable` live on this subject of DEAD_LETTERS. */
export function deadLetterSubject(durable: string): string {
  return `deadletter.${durable}`;
}

/**
 * Headers of a dead letter whose original body did not fit into DEAD_LETTERS. Such a letter keeps a
 * pointer to the original instead (its stream and sequence, already in `Simpul-DL-Stream` and
 * `Simpul-DL-Sequence`) and the body's SHA-256, so an operator can fetch the original while the
 * source stream retains it and prove it is the same bytes. It cannot be replayed.
 */
export const DeadLetterTruncationHeader = {
  /** `true` when the body is a pointer, not the original. */
  TRUNCATED: 'Simpul-DL-Truncated',
  /** Lower-case hex SHA-256 of the original body. */
  BODY_SHA256: 'Simpul-DL-Body-SHA256',
  /** Size of the original body in bytes. */
  BODY_SIZE: 'Simpul-DL-Body-Size',
} as const;

/** Original headers a truncated letter still carries (short, no personal data). */
const TRUNCATED_KEPT_HEADERS = [BusHeader.KEY, BusHeader.SIGNATURE, BusHeader.TRACEPARENT];
const MAX_KEPT_HEADER_LENGTH = 1024;

export interface PublishedDeadLetter {
  /** True when the body was replaced by a digest and pointer (see DeadLetterTruncationHeader). */
  truncated: boolean;
}

/**
 * Copies a message into DEAD_LETTERS unchanged (original body and headers, so it stays verifiable
 * and replayable) plus headers saying why. The dead letter's own `Nats-Msg-Id` is the consumer and
 * stream position, so dead-lettering the same delivery twice (a crash before `term`) stores it once,
 * while two consumers giving up on the same event each get their entry.
 *
 * A message near its source stream's size limit may not fit once the dead-letter headers are
 * added: then the letter is stored with a digest and pointer instead of the body, so that no
 * message is ever impossible to dead-letter. Other publish failures are thrown to the caller.
 */
export async function publishDeadLetter(
  js: JetStreamClient,
  durable: string,
  msg: Pick<JsMsg, 'subject' | 'data' | 'headers' | 'info'>,
  error: SafeErrorDescription,
  timeoutMs = 5000,
): Promise<PublishedDeadLetter> {
  const options = { msgID: `${durable}.${msg.info.stream}.${msg.info.streamSequence}`, timeout: timeoutMs };
  try {
    await js.publish(deadLetterSubject(durable), msg.data, {
      ...options,
      headers: letterHeaders(durable, msg, error, copiedHeaders(msg.headers)),
    });
    return { truncated: false };
  } catch (publishError) {
    if (!isTooLarge(publishError)) throw publishError;
  }
  const h = letterHeaders(durable, msg, error, keptHeaders(msg.headers));
  const sha256 = createHash('sha256').update(msg.data).digest('hex');
  h.set(DeadLetterTruncationHeader.TRUNCATED, 'true');
  h.set(DeadLetterTruncationHeader.BODY_SHA256, sha256);
  h.set(DeadLetterTruncationHeader.BODY_SIZE, String(msg.data.length));
  const pointer = JSON.stringify({
    truncated: true,
    stream: msg.info.stream,
    sequence: msg.info.streamSequence,
    sha256,
    size: msg.data.length,
  });
  await js.publish(deadLetterSubject(durable), new TextEncoder().encode(pointer), { ...options, headers: h });
  return { truncated: true };
}

function letterHeaders(
  durable: string,
  msg: Pick<JsMsg, 'subject' | 'headers' | 'info'>,
  error: SafeErrorDescription,
  original: Array<[string, string]>,
): MsgHdrs {
  const h = natsHeaders();
  for (const [key, value] of original) h.append(key, value);
  h.set(DeadLetterHeader.ERROR_CODE, error.code);
  h.set(DeadLetterHeader.ERROR, oneLine(error.message));
  h.set(DeadLetterHeader.SUBJECT, msg.subject);
  h.set(DeadLetterHeader.STREAM, msg.info.stream);
  h.set(DeadLetterHeader.SEQUENCE, String(msg.info.streamSequence));
  h.set(DeadLetterHeader.CONSUMER, durable);
  h.set(DeadLetterHeader.DELIVERIES, String(msg.info.deliveryCount));
  const originalId = msg.headers?.get('Nats-Msg-Id');
  if (originalId) h.set(DeadLetterHeader.MSG_ID, oneLine(originalId));
  h.set(DeadLetterHeader.TIME, new Date().toISOString());
  return h;
}

/** Every original header except JetStream controls and a previous dead letter's own. */
function copiedHeaders(headers: MsgHdrs | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!headers) return out;
  for (const [key, values] of headers) {
    const lower = key.toLowerCase();
    if (NON_COPIED_HEADERS.has(lower) || lower.startsWith('simpul-dl-')) continue;
    for (const value of values) out.push([key, value]);
  }
  return out;
}

/** The few short headers that identify the signer and trace of a truncated letter. */
function keptHeaders(headers: MsgHdrs | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const key of TRUNCATED_KEPT_HEADERS) {
    const value = headers?.get(key);
    if (value && value.length <= MAX_KEPT_HEADER_LENGTH) out.push([key, value]);
  }
  return out;
}

/**
 * The stream's `max_msg_size` (JetStream API error 10054, "message size exceeds maximum allowed")
 * or the server's `max_payload` (refused by the client before sending) said no.
 */
export function isTooLarge(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown; message?: unknown } | undefined;
  if (e?.name === 'JetStreamApiError' && e.code === 10054) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /message size exceeds maximum|max_payload|maximum payload/i.test(message);
}

/** Header values may not contain line breaks; keep them short. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 1000);
}
