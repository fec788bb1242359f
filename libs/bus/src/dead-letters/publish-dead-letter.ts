import { headers as natsHeaders } from '@nats-io/transport-node';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import type { SafeErrorDescription } from '../errors.js';
import { DeadLetterHeader, NON_COPIED_HEADERS } from '../headers.js';

/** Dead letters of consumer `durable` live on this subject of DEAD_LETTERS. */
export function deadLetterSubject(durable: string): string {
  return `deadletter.${durable}`;
}

/**
 * Copies a message into DEAD_LETTERS unchanged (original body and headers, so it stays verifiable
 * and replayable) plus headers saying why. The dead letter's own `Nats-Msg-Id` is the consumer and
 * stream position, so dead-lettering the same delivery twice (a crash before `term`) stores it once,
 * while two consumers giving up on the same event each get their entry.
 */
export async function publishDeadLetter(
  js: JetStreamClient,
  durable: string,
  msg: Pick<JsMsg, 'subject' | 'data' | 'headers' | 'info'>,
  error: SafeErrorDescription,
  timeoutMs = 5000,
): Promise<void> {
  const h = natsHeaders();
  if (msg.headers) {
    for (const [key, values] of msg.headers) {
      const lower = key.toLowerCase();
      if (NON_COPIED_HEADERS.has(lower) || lower.startsWith('simpul-dl-')) continue;
      for (const value of values) h.append(key, value);
    }
  }
  h.set(DeadLetterHeader.ERROR_CODE, error.code);
  h.set(DeadLetterHeader.ERROR, oneLine(error.message));
  h.set(DeadLetterHeader.SUBJECT, msg.subject);
  h.set(DeadLetterHeader.STREAM, msg.info.stream);
  h.set(DeadLetterHeader.SEQUENCE, String(msg.info.streamSequence));
  h.set(DeadLetterHeader.CONSUMER, durable);
  h.set(DeadLetterHeader.DELIVERIES, String(msg.info.deliveryCount));
  const originalId = msg.headers?.get('Nats-Msg-Id');
  if (originalId) h.set(DeadLetterHeader.MSG_ID, originalId);
  h.set(DeadLetterHeader.TIME, new Date().toISOString());
  await js.publish(deadLetterSubject(durable), msg.data, {
    headers: h,
    msgID: `${durable}.${msg.info.stream}.${msg.info.streamSequence}`,
    timeout: timeoutMs,
  });
}

/** Header values may not contain line breaks; keep them short. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 1000);
}
