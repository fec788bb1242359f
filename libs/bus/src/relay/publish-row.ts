import { Buffer } from 'node:buffer';
import type { PubAck } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { BusConnection } from '../connection/bus-connection.js';
import { BusError, BusErrorCode } from '../errors.js';
import { BusHeader } from '../headers.js';
import type { EventSigner } from '../signing/key-ring.js';
import { signBytes } from '../signing/keys.js';

/** What publishing needs of a `bus_outbox` or `bus_ledger` row (same columns in both). */
export interface PublishableRow {
  event_id: string;
  source: string;
  subject: string;
  body: string;
  headers: { traceparent?: string } | null;
}

/**
 * Publishes one stored event: its exact canonical bytes, signed with the key of its source,
 * `Nats-Msg-Id` = event id (the reconciler's republish: its own, see republishMsgId), and its stored traceparent. The one place both the relay and the
 * reconciler publish from, so a republished event is byte for byte and header for header what the
 * relay sent (Ed25519 signatures are deterministic). Returns JetStream's acknowledgement, whose
 * stream and sequence go into the ledger (for a duplicate: the original's).
 */
export async function publishStoredEvent(
  js: BusConnection['js'],
  signer: EventSigner,
  row: PublishableRow,
  timeoutMs: number,
  msgId: string = row.event_id,
): Promise<PubAck> {
  const key = signer.keyFor(row.source);
  if (!key) {
    throw new BusError(
      BusErrorCode.SIGNER_MISSING,
      `no signing key for source ${row.source} (event ${row.event_id})`,
    );
  }
  const bytes = Buffer.from(row.body, 'utf8');
  const h = natsHeaders();
  h.set(BusHeader.SIGNATURE, signBytes(bytes, key.privateKey));
  h.set(BusHeader.KEY, key.keyId);
  if (row.headers?.traceparent) h.set(BusHeader.TRACEPARENT, row.headers.traceparent);
  return js.publish(row.subject, bytes, { msgID: msgId, headers: h, timeout: timeoutMs });
}

/**
 * `Nats-Msg-Id` of the n-th republish of an event by the reconciler: `<event id>.reconciled.<n>`,
 * never the event id itself. A stream that then holds the event twice (the reconciler cannot rule
 * out that the "lost" copy survives at another sequence) must not hold one msg id twice: on
 * nats-server 2.9.10 a mirror or source copying such a stream refuses the second copy and stalls
 * for good (libs/bus/src/reconcile/mirror-duplicates.int-spec.ts). Consumers deduplicate by event id
 * in their inbox, so two copies under two msg ids are harmless. The same n for the same row keeps
 * a republish retried inside the duplicate window deduplicated.
 */
export function republishMsgId(eventId: string, republish: number): string {
  return `${eventId}.reconciled.${republish}`;
}

/** Whether a stored message's `Nats-Msg-Id` is the event's: its first publish or a republish. */
export function isMsgIdOf(msgId: string | undefined, eventId: string): boolean {
  return msgId === eventId || (msgId?.startsWith(`${eventId}.reconciled.`) ?? false);
}
