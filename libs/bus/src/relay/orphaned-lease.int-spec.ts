// A relay that dies holding a lease: its rows come back as soon as its database session is gone,
// not when the lease ends. Regression (fault suite, producer killed between commit and publish):
// the restarted police's outbox took the whole 30 s lease to empty. Real PostgreSQL and nats-server.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { BusConnection } from '../connection/bus-connection.js';
import { silentLogger } from '../logger.js';
import { appendToOutbox } from '../outbox/append.js';
import { provisionTopology } from '../provisioning/provision.js';
import { simpulStreams } from '../provisioning/topology.js';
import { createTestDatabase, type TestDatabase } from '../testing/database.js';
import { createTestDataSource } from '../testing/data-source.js';
import { arrestEvent } from '../testing/fixtures.js';
import { createTestKeys, type TestKeys } from '../testing/keys.js';
import { startNatsServer, type TestNatsServer } from '../testing/nats-server.js';
import { waitFor } from '../testing/wait-for.js';
import { OutboxRelay } from './outbox-relay.js';

jest.setTimeout(30_000);

let nats: TestNatsServer;
let db: TestDatabase;
let dataSource: DataSource;
let keys: TestKeys;
let connection: BusConnection;

beforeAll(async () => {
  nats = await startNatsServer({ jetstream: true });
  db = await createTestDatabase('orphaned_lease');
  dataSource = await createTestDataSource(db.url);
  keys = await createTestKeys([{ unit: 'polda:riau', source: '/polri/polda/riau' }]);
  connection = await BusConnection.connect({ servers: nats.url, name: 'relay', logger: silentLogger });
  await provisionTopology(connection.jsm, connection.serverVersion(), {
    streams: simpulStreams(),
    consumers: [],
  });
});

afterAll(async () => {
  await connection?.drain();
  await dataSource?.destroy();
  await db?.drop();
  await nats?.stop();
});

it("takes back a dead relay's leased rows at once, and leaves a live relay's alone", async () => {
  const events = Array.from({ length: 6 }, () => arrestEvent({ polda: 'riau' }));
  await dataSource.transaction(async (manager) => {
    for (const e of events) await appendToOutbox(manager, e);
  });
  const relayOptions = {
    dataSource,
    signer: keys.keyRing,
    logger: silentLogger,
    inboxPruning: false as const,
  };
  // Relay A claims every row under a one-minute lease, then hangs in its publish.
  const hanging = { js: { publish: () => new Promise(() => undefined) } } as unknown as BusConnection;
  const a = new OutboxRelay({ ...relayOptions, connection: hanging, leaseMs: 60_000 });
  void a.relayOnce().catch(() => undefined);
  const claimed = async () =>
    (await dataSource.query(
      `SELECT count(*)::int AS n FROM bus_outbox WHERE claimed_until > now() + interval '50 seconds'`,
    )) as Array<{ n: number }>;
  await waitFor(async () => (await claimed())[0]!.n === 6, { description: 'relay A holds all six' });

  // While A's session lives, relay B leaves its rows alone.
  const b = new OutboxRelay({ ...relayOptions, connection });
  expect(await b.relayOnce()).toMatchObject({ claimed: 0 });

  // A's process dies: its database session ends.
  await dataSource.query(
    `SELECT pg_terminate_backend(pid) FROM (SELECT DISTINCT claimed_by AS pid FROM bus_outbox) c`,
  );
  await waitFor(
    async () => {
      const [{ n }] = (await dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE pid IN (SELECT claimed_by FROM bus_outbox)`,
      )) as Array<{ n: number }>;
      return n === 0;
    },
    { description: "A's session gone" },
  );
  // The next relay to look (B's own check waits 2 s between looks) publishes them, 58 s before the lease ends.
  const c = new OutboxRelay({ ...relayOptions, connection });
  expect(await c.relayOnce()).toMatchObject({ claimed: 6, published: 6 });
  expect((await connection.jsm.streams.info('POLICE')).state.messages).toBe(6);
  const [{ left }] = (await dataSource.query(`SELECT count(*)::int AS left FROM bus_outbox`)) as Array<{
    left: number;
  }>;
  expect(left).toBe(0);
});
