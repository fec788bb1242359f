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
 * `Nats-Msg-Id` = event id, and its stored traceparent. The one place both the relay and the
 * reconciler publish from, so a republished event is byte for byte and header for header what the
 * relay sent (Ed25519 signatures are deterministic). Returns JetStream's acknowledgement, whose
 * stream and sequence go into the ledger (for a duplicate: the original's).
 */
export async function publishStoredEvent(
  js: BusConnection['js'],
  signer: EventSigner,
  row: PublishableRow,
  timeoutMs: number,
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
  return js.publish(row.subject, bytes, { msgID: row.event_id, headers: h, timeout: timeoutMs });
}
