import type { Msg, NatsConnection } from '@nats-io/transport-node';
import { BusError } from '../errors.js';
import type { KeyRegistry } from '../signing/registry.js';
import { authorizeEvent, verifySignature } from '../signing/verify.js';

export type SignatureStatus =
  'valid' | 'invalid' | 'unsigned' | 'unknown-key' | 'not-authorized' | 'unchecked';

export interface TailEntry {
  subject: string;
  signature: SignatureStatus;
  /** Error code when the signature is not valid. */
  signatureCode?: string;
  keyId?: string;
  /** The body, parsed when it is JSON. */
  event?: { id?: string; type?: string; source?: string; time?: string; [k: string]: unknown };
  raw: string;
}

/** Classifies one message's signature without throwing. */
export function inspectMessage(
  msg: Pick<Msg, 'subject' | 'data' | 'headers'>,
  keys: KeyRegistry | undefined,
): TailEntry {
  const raw = new TextDecoder().decode(msg.data);
  let event: TailEntry['event'];
  try {
    event = JSON.parse(raw) as TailEntry['event'];
  } catch {
    event = undefined;
  }
  const keyId = msg.headers?.get('Simpul-Key') || undefined;
  if (!keys) return { subject: msg.subject, signature: 'unchecked', keyId, event, raw };
  try {
    const key = verifySignature(msg.data, msg.headers, keys);
    if (
      event &&
      typeof event.source === 'string' &&
      typeof event.id === 'string' &&
      typeof event.type === 'string'
    ) {
      authorizeEvent(key, { id: event.id, source: event.source, type: event.type }, msg.subject, undefined);
    }
    return { subject: msg.subject, signature: 'valid', keyId, event, raw };
  } catch (error) {
    const code = error instanceof BusError ? error.code : 'BUS.ERROR';
    const signature: SignatureStatus =
      code === 'BUS.SIGNATURE_MISSING'
        ? 'unsigned'
        : code === 'BUS.KEY_UNKNOWN'
          ? 'unknown-key'
          : code === 'BUS.SIGNATURE_INVALID'
            ? 'invalid'
            : 'not-authorized';
    return { subject: msg.subject, signature, signatureCode: code, keyId, event, raw };
  }
}

/** A human rendering: one header line, then the indented JSON body. */
export function formatTailEntry(entry: TailEntry): string {
  const mark = entry.signature === 'valid' ? '✔' : entry.signature === 'unchecked' ? '?' : '✘';
  const e = entry.event;
  const head = [
    e?.time ?? new Date().toISOString(),
    entry.subject,
    e?.type ?? '(not an event)',
    e?.id ?? '',
    e?.source ?? '',
    `${mark} signature ${entry.signature}${entry.keyId ? ` (${entry.keyId})` : ''}`,
  ]
    .filter(Boolean)
    .join('  ');
  const body = e ? JSON.stringify(e, null, 2) : entry.raw;
  return `${head}\n${body.replace(/^/gm, '    ')}`;
}

/**
 * Prints live messages on `subject` (wildcards allowed) through a core NATS subscription: it sees
 * new publishes only, creates no consumer, and acknowledges nothing.
 */
export async function tailSubject(
  nc: NatsConnection,
  subject: string,
  options: { keys?: KeyRegistry; onEntry: (entry: TailEntry) => void; max?: number; signal?: AbortSignal },
): Promise<number> {
  const sub = nc.subscribe(subject, { max: options.max });
  options.signal?.addEventListener('abort', () => sub.unsubscribe(), { once: true });
  let count = 0;
  for await (const msg of sub) {
    options.onEntry(inspectMessage(msg, options.keys));
    count++;
  }
  return count;
}
