import { headers as natsHeaders } from '@nats-io/transport-node';
import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { contractSubjectFor, type BusEvent } from '../contracts.js';
import { BusHeader } from '../headers.js';
import { canonicalBytes } from '../signing/canonical.js';
import { signBytes, type SigningKey } from '../signing/keys.js';

export interface PublishSignedOptions {
  /** NATS subject; default derived from the event. */
  subject?: string;
  /** `Nats-Msg-Id`; default the event id. Give another to get past JetStream de-duplication. */
  msgId?: string;
  /** Publish these bytes instead of the canonical body, still signed over the canonical body (tampering). */
  body?: Uint8Array;
}

/** Publishes an event the way the relay does (canonical body, Ed25519 signature), bypassing the outbox. */
export function publishSignedEvent(
  js: JetStreamClient,
  event: BusEvent,
  key: SigningKey,
  options: PublishSignedOptions = {},
): Promise<PubAck> {
  const bytes = canonicalBytes(event);
  const h = natsHeaders();
  h.set(BusHeader.SIGNATURE, signBytes(bytes, key.privateKey));
  h.set(BusHeader.KEY, key.keyId);
  return js.publish(options.subject ?? contractSubjectFor(event), options.body ?? bytes, {
    headers: h,
    msgID: options.msgId ?? event.id,
  });
}
