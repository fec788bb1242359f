import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { simpulConsumers, type ConsumerDefinition } from '@simpul/bus';
import { waitFor } from '@simpul/bus/testing';
import { SERVICES } from '../../deploy/local/src/local-stack.js';
import type { Json } from './api-client.js';
import type { TestSystem } from './local-system.js';

/**
 * Every durable consumer of a running test system: the launcher does not set IMMIGRATION_SITE, so
 * the immigration service runs as site `local` unless the environment says otherwise.
 */
export function systemConsumers(): ConsumerDefinition[] {
  return simpulConsumers([process.env.IMMIGRATION_SITE || 'local']);
}

/** True when `durable` has nothing pending or unacknowledged (a message is acked after its commit). */
async function caughtUp(jsm: JetStreamManager, consumer: ConsumerDefinition): Promise<boolean> {
  const info = await jsm.consumers.info(consumer.stream, consumer.durable);
  return info.num_pending === 0 && info.num_ack_pending === 0;
}

async function outboxesEmpty(system: TestSystem): Promise<boolean> {
  for (const service of SERVICES) {
    const health = (await (await fetch(`${system.stack.urls[service]}/health`)).json()) as Json;
    if (health.checks?.nats?.outboxBacklog !== 0) return false;
  }
  return true;
}

/**
 * Waits until the system is quiet: every durable applied everything in its stream, every outbox is
 * published, and the consumers caught up with what those outboxes published (an applied event can
 * publish new ones, e.g. the ministry's watchlist entries for an arrest).
 */
export async function waitUntilQuiet(
  system: TestSystem,
  jsm: JetStreamManager,
  timeoutMs = 30_000,
): Promise<void> {
  const consumers = systemConsumers();
  const allCaughtUp = async () => (await Promise.all(consumers.map((c) => caughtUp(jsm, c)))).every(Boolean);
  await waitFor(async () => (await allCaughtUp()) && (await outboxesEmpty(system)) && (await allCaughtUp()), {
    timeoutMs,
    intervalMs: 100,
    description: 'every consumer caught up and every outbox published',
  });
}

/** Waits until `consumer` has acknowledged everything up to stream sequence `seq` (inclusive). */
export async function waitUntilAcked(
  jsm: JetStreamManager,
  consumer: ConsumerDefinition,
  seq: number,
  timeoutMs = 20_000,
): Promise<void> {
  await waitFor(
    async () => {
      const info = await jsm.consumers.info(consumer.stream, consumer.durable);
      return info.ack_floor.stream_seq >= seq && info.num_ack_pending === 0;
    },
    { timeoutMs, intervalMs: 50, description: `${consumer.durable} acknowledged seq ${seq}` },
  );
}

/** The stored messages of `stream` whose body parses and satisfies `match`, oldest first. */
export async function findStored(
  jsm: JetStreamManager,
  stream: string,
  match: (event: Json, stored: StoredMsg) => boolean,
): Promise<StoredMsg[]> {
  const info = await jsm.streams.info(stream);
  const out: StoredMsg[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const stored = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
    if (!stored) continue;
    let event: Json;
    try {
      event = JSON.parse(new TextDecoder().decode(stored.data)) as Json;
    } catch {
      continue;
    }
    if (match(event, stored)) out.push(stored);
  }
  return out;
}
