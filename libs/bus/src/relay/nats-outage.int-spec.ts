// NATS dies while a service keeps committing events, then comes back: every committed event
// arrives, and is applied exactly once. The server is this file's own, killed with SIGKILL.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { QueryRunner } from 'typeorm';
import type { SimpulBus } from '../bus.js';
import { collectHandlers } from '../consumer/collect-handlers.js';
import { OnBusEvent } from '../consumer/decorators.js';
import type { EventContext } from '../consumer/handler.js';
import { appendToOutbox } from '../outbox/append.js';
import { arrestEvent } from '../testing/fixtures.js';
import { createBusHarness, type BusHarness } from '../testing/harness.js';
import { waitFor } from '../testing/wait-for.js';

jest.setTimeout(60_000);

class Effects1764300000001 {
  name = 'Effects1764300000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE test_effects (event_id uuid NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE test_effects`);
  }
}

class Handlers {
  @OnBusEvent('police.arrest.recorded.v1', { consumer: 'ministry-police' })
  async onArrest(event: { id: string }, { manager }: EventContext): Promise<void> {
    await manager.query(`INSERT INTO test_effects (event_id) VALUES ($1)`, [event.id]);
  }
}

let h: BusHarness;
let producer: SimpulBus;
let consumer: SimpulBus;

beforeAll(async () => {
  h = await createBusHarness({ prefix: 'bus_outage', migrations: [Effects1764300000001] });
  // Two services, as in production: a producer (relay only) and a consumer (no relay).
  producer = await h.startBus({ relay: { publishTimeoutMs: 1000, pollIntervalMs: 200 } });
  consumer = await h.startBus({
    relay: false,
    handlers: collectHandlers(new Handlers()),
    consumers: { 'ministry-police': { pullExpiresMs: 2000 } },
  });
});

afterAll(async () => {
  await h?.close();
});

it('delivers every event committed while NATS was down, each applied once', async () => {
  const ids: string[] = [];
  const produce = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const event = arrestEvent();
      await h.dataSource.transaction((manager) => appendToOutbox(manager, event));
      ids.push(event.id);
    }
  };
  const applied = async (): Promise<number> =>
    (await h.dataSource.query(`SELECT count(*)::int AS n FROM test_effects`))[0].n as number;

  await produce(50);
  await waitFor(async () => (await applied()) >= 10, { description: 'traffic flowing' });

  await h.nats.kill('SIGKILL'); // mid-stream: some rows published, some claimed, some waiting
  expect(h.nats.isRunning()).toBe(false);
  await produce(100); // the service keeps working on its database alone
  await waitFor(() => !producer.connection.isConnected());
  const backlog = (await h.dataSource.query(`SELECT count(*)::int AS n FROM bus_outbox`))[0].n as number;
  expect(backlog).toBeGreaterThan(0);

  await h.nats.restart();
  await produce(50);

  await waitFor(async () => (await applied()) >= ids.length, {
    timeoutMs: 45_000,
    description: 'all 200 effects',
  });
  await waitFor(
    async () => (await h.dataSource.query(`SELECT count(*)::int AS n FROM bus_outbox`))[0].n === 0,
  );
  const rows: Array<{ event_id: string; n: number }> = await h.dataSource.query(
    `SELECT event_id, count(*)::int AS n FROM test_effects GROUP BY event_id`,
  );
  expect(rows).toHaveLength(ids.length);
  expect(rows.every((r) => r.n === 1)).toBe(true);
  expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(ids));
});

it('notices a pull that went silent (server hung, connection still open) and recreates it', async () => {
  const runner = consumer.runners.get('ministry-police')!;
  const before = runner.stats.pullsRecreated;
  h.nats.pause();
  try {
    // Heartbeats every 1 s (pull expiry 2 s): three silent intervals make a stall.
    await waitFor(() => runner.stats.pullsRecreated > before, {
      timeoutMs: 15_000,
      description: 'pull recreated',
    });
  } finally {
    h.nats.resume();
  }
  const event = arrestEvent();
  await h.dataSource.transaction((manager) => appendToOutbox(manager, event));
  await waitFor(
    async () =>
      (
        await h.dataSource.query(`SELECT count(*)::int AS n FROM test_effects WHERE event_id = $1`, [
          event.id,
        ])
      )[0].n === 1,
    { timeoutMs: 20_000, description: 'events flow on the new pull' },
  );
});
