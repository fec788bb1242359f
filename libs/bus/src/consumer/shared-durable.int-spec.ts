// Two instances of a service share one durable consumer: each event is applied once across them,
// including events delivered twice; a handler slower than ack_wait keeps its message (working()).
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { QueryRunner } from 'typeorm';
import type { SimpulBus } from '../bus.js';
import { appendManyToOutbox, appendToOutbox } from '../outbox/append.js';
import { publishSignedEvent } from '../testing/events.js';
import { arrestEvent } from '../testing/fixtures.js';
import { createBusHarness, type BusHarness } from '../testing/harness.js';
import { waitFor } from '../testing/wait-for.js';
import { collectHandlers } from './collect-handlers.js';
import { OnBusEvent } from './decorators.js';
import type { EventContext } from './handler.js';

jest.setTimeout(60_000);

class Effects1764300000003 {
  name = 'Effects1764300000003';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE shared_effects (event_id uuid NOT NULL, instance text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE shared_effects`);
  }
}

const slow = new Set<string>();
const calls = new Map<string, number>();
/** Slow handlers in flight: started when, and how to let them finish. */
const held = new Map<string, { startedAt: number; release: () => void }>();

class Handlers {
  constructor(private readonly instance: string) {}

  @OnBusEvent('police.arrest.recorded.v1', { consumer: 'ministry-police' })
  async onArrest(event: { id: string }, { manager }: EventContext): Promise<void> {
    calls.set(event.id, (calls.get(event.id) ?? 0) + 1);
    await manager.query(`INSERT INTO shared_effects (event_id, instance) VALUES ($1, $2)`, [
      event.id,
      this.instance,
    ]);
    // Held until the test has seen it outlast ack_wait: the runner's working() must keep it.
    if (slow.has(event.id)) {
      await new Promise<void>((release) => held.set(event.id, { startedAt: Date.now(), release }));
    }
  }
}

let h: BusHarness;
let producer: SimpulBus;
let a: SimpulBus;
let b: SimpulBus;
const topology = { consumer: { ackWaitMs: 1500, maxAttempts: 5 } };

beforeAll(async () => {
  h = await createBusHarness({ prefix: 'bus_shared', migrations: [Effects1764300000003] });
  producer = await h.startBus({ topology });
  // Every instance also runs a relay: three relays share one outbox.
  a = await h.startBus({
    topology,
    handlers: collectHandlers(new Handlers('a')),
    consumers: { 'ministry-police': { batchSize: 10 } },
  });
  b = await h.startBus({
    topology,
    handlers: collectHandlers(new Handlers('b')),
    consumers: { 'ministry-police': { batchSize: 10 } },
  });
});

afterAll(async () => {
  await h?.close();
});

it('applies each event once across two instances of one durable, duplicates included', async () => {
  const events = Array.from({ length: 300 }, () => arrestEvent());
  for (let i = 0; i < events.length; i += 30) {
    await h.dataSource.transaction((manager) => appendManyToOutbox(manager, events.slice(i, i + 30)));
  }
  // Redeliveries of the same events under new message ids, racing the originals.
  const riau = h.keys.keyRing.keyFor('/polri/polda/riau')!;
  await Promise.all(
    events.slice(0, 60).map((e) => publishSignedEvent(h.probe.js, e, riau, { msgId: `${e.id}.dup` })),
  );

  const stats = () => [a, b].map((bus) => bus.runners.get('ministry-police')!.stats);
  // Waits on the committed effects, as another session reads them, not on the runners' counts
  // alone; and on both counts: under load the server redelivers more, so duplicates alone can pass
  // 60 early.
  await waitFor(
    async () =>
      (await h.dataSource.query(`SELECT count(*)::int AS n FROM shared_effects`))[0].n >= 300 &&
      stats().reduce((n, s) => n + s.applied, 0) >= 300 &&
      stats().reduce((n, s) => n + s.applied + s.duplicates, 0) >= 360,
    { timeoutMs: 30_000, description: '300 effects committed, 60 duplicates skipped' },
  );
  const rows: Array<{ event_id: string; n: number }> = await h.dataSource.query(
    `SELECT event_id, count(*)::int AS n FROM shared_effects GROUP BY event_id`,
  );
  expect(rows).toHaveLength(300);
  expect(rows.filter((r) => r.n !== 1)).toEqual([]);
  const [sa, sb] = stats();
  expect(sa!.applied + sb!.applied).toBe(300);
  // At least the 60 re-published ones were skipped (more if the server redelivered under load).
  expect(sa!.duplicates + sb!.duplicates).toBeGreaterThanOrEqual(60);
  // Each outbox row was published by exactly one of the three relays (leases, SKIP LOCKED).
  expect([producer, a, b].reduce((n, bus) => n + bus.relay!.stats().published, 0)).toBe(300);
  // Both instances did work (the server spreads pulls across them).
  expect(sa!.applied).toBeGreaterThan(0);
  expect(sb!.applied).toBeGreaterThan(0);
});

it('keeps a message whose handler outlasts ack_wait: no redelivery to the other instance', async () => {
  const duplicates = () =>
    [a, b].reduce((n, bus) => n + bus.runners.get('ministry-police')!.stats.duplicates, 0);
  const before = duplicates();
  const event = arrestEvent();
  slow.add(event.id);
  await h.dataSource.transaction((manager) => appendToOutbox(manager, event));
  const inFlight = await waitFor(() => held.get(event.id), { timeoutMs: 15_000 });
  // While the handler holds it, the server keeps the message with this instance: still pending,
  // never redelivered, until it has been out for two ack waits.
  const seen = new Set<string>();
  await waitFor(
    async () => {
      const info = await h.probe.jsm.consumers.info('POLICE', 'ministry-police');
      seen.add(JSON.stringify([info.num_ack_pending, info.num_redelivered, calls.get(event.id)]));
      return Date.now() - inFlight.startedAt > 2 * topology.consumer.ackWaitMs;
    },
    { timeoutMs: 15_000, intervalMs: 100 },
  );
  inFlight.release();
  // [ack pending, redelivered, handler calls] at every look while it was held.
  expect([...seen]).toEqual([JSON.stringify([1, 0, 1])]);
  await waitFor(
    async () =>
      (
        await h.dataSource.query(`SELECT count(*)::int AS n FROM shared_effects WHERE event_id = $1`, [
          event.id,
        ])
      )[0].n === 1,
    { timeoutMs: 15_000 },
  );
  await waitFor(
    async () => (await h.probe.jsm.consumers.info('POLICE', 'ministry-police')).num_ack_pending === 0,
  );
  // A redelivery would have reached an instance and been skipped by the inbox as a duplicate.
  expect(duplicates()).toBe(before);
  expect(calls.get(event.id)).toBe(1);
});
