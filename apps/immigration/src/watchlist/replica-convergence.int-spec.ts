// The in-memory index converges on the replica table (defect: it drifted). Two instances of one
// site share a database and the watchlist durable: whichever applies an entry, both screen by it.
// And an entry committed to the table whose index update was lost (the redelivery is then skipped
// as a duplicate) still reaches the index, without a restart.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BusConnection, BusRuntime, silentLogger } from '@simpul/bus';
import { publishSignedEvent, waitFor } from '@simpul/bus/testing';
import { buildEvent, MINISTRY_SOURCE, uuidv7, type AnyEvent, type Person } from '@simpul/contracts';
import { fixtureNik, validFixture } from '@simpul/contracts/testing';
import { ApiExceptionFilter } from '@simpul/http';
import { AppModule } from '../app.module.js';
import { Clock } from '../deployment/clock.js';
import { startImmigrationTestApp, type ImmigrationTestApp } from '../testing/immigration-test-app.js';
import { WatchlistReplicaService } from './watchlist-replica.service.js';

jest.setTimeout(90_000);

const T0 = new Date('2025-09-01T00:00:00Z');
const DAY = 24 * 3600 * 1000;
const DURABLE = 'immigration-conv-watchlist';
const TOKEN = 'batam-center-convergence-token-0123456789';
/**
 * Every wait here is for a state (inbox rows, a decision on each instance), never a time; the bound
 * is only how long a loaded machine may take to get there: two instances, their relays and
 * verifiers share the CI's two cores with other test processes (10 s was once too short).
 */
const CONVERGED = { timeoutMs: 30_000 } as const;

let t: ImmigrationTestApp;
let second: INestApplication;
let urls: { a: string; b: string };
let serial = 1;

function person(name: string): Person {
  const dateOfBirth = '1979-06-21';
  return { fullName: name, nik: fixtureNik(dateOfBirth, 'M', 700 + serial++), dateOfBirth, sex: 'M' };
}

function dpoIssued(entryId: string, subject: Person): AnyEvent {
  const { decisionNumber: _d, ...rest } = validFixture('ministry.watchlist.entry.issued.v1').data;
  return buildEvent(
    'ministry.watchlist.entry.issued.v1',
    {
      ...rest,
      entryId,
      version: 1,
      legalType: 'dpo',
      action: 'deny_departure',
      person: subject,
      validFrom: new Date(T0.getTime() - DAY).toISOString(),
      validUntil: new Date(T0.getTime() + 60 * DAY).toISOString(),
    },
    { source: MINISTRY_SOURCE },
  );
}

async function publish(event: AnyEvent): Promise<void> {
  const key = t.keys.keyRing.keyFor(event.source);
  if (!key) throw new Error(`no test key for ${event.source}`);
  await publishSignedEvent(t.app.get(BusConnection).js, event, key);
}

async function decisionAt(base: string, traveler: Person): Promise<string> {
  const res = await fetch(`${base}/v1/screenings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ checkpoint: 'batam-center', traveler: { fullName: 'X', nik: traveler.nik } }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { decision: string }).decision;
}

async function inboxHas(eventId: string): Promise<boolean> {
  const rows: unknown[] = await t.dataSource.query(
    `SELECT 1 FROM bus_inbox WHERE consumer = $1 AND event_id = $2`,
    [DURABLE, eventId],
  );
  return rows.length > 0;
}

/** The durable's messages are all acknowledged (nothing pending or awaiting an ack). */
async function durableSettled(): Promise<boolean> {
  const info = await t.app.get(BusConnection).jsm.consumers.info('MINISTRY', DURABLE);
  return info.num_pending === 0 && info.num_ack_pending === 0;
}

beforeAll(async () => {
  t = await startImmigrationTestApp({
    database: 'immigration_convergence',
    units: [{ unit: 'ministry:service', source: MINISTRY_SOURCE }],
    tokens: { [TOKEN]: 'checkpoint:batam-center' },
    env: { IMMIGRATION_CHECKPOINTS: 'batam-center', IMMIGRATION_SITE: 'conv', IMMIGRATION_PORT: '0' },
  });
  t.app.get(Clock).set(T0);
  // The second instance of the same site: same database, same durable.
  second = await NestFactory.create(AppModule.forRoot(t.config, { busLogger: silentLogger }), {
    logger: false,
  });
  second.useGlobalFilters(new ApiExceptionFilter());
  await second.listen(0, '127.0.0.1');
  await second.get(BusRuntime).ready();
  second.get(Clock).set(T0);
  urls = {
    a: t.baseUrl,
    b: (await second.getUrl()).replace('[::1]', '127.0.0.1'),
  };
});

afterAll(async () => {
  await second?.close();
  await t?.stop();
});

describe('two instances of one site on one database and one durable', () => {
  it('screen deny on both for DPO entries applied by whichever instance received them', async () => {
    const subjects = Array.from({ length: 12 }, (_, i) => person(`Subjek Konvergen ${i}`));
    const events = subjects.map((s) => dpoIssued(uuidv7(), s));
    for (const event of events) await publish(event);
    await waitFor(async () => (await Promise.all(events.map((e) => inboxHas(e.id)))).every(Boolean), {
      ...CONVERGED,
      description: 'every entry applied by one of the instances',
    });
    for (const subject of subjects) {
      await waitFor(
        async () =>
          (await decisionAt(urls.a, subject)) === 'deny' && (await decisionAt(urls.b, subject)) === 'deny',
        { ...CONVERGED, description: 'deny on both instances' },
      );
    }
  });

  it('an entry applied by the first instance alone screens deny on the second', async () => {
    // The second instance takes no more deliveries: only the table can tell it of the entry.
    await second.get(BusRuntime).instance.runners.get(DURABLE)!.stop();
    // Its unsubscribe processed by the server (a PONG follows it): nothing published from now on can
    // go to its closed pull and wait out the ack wait (30 s) there.
    await second.get(BusConnection).nc.flush();
    const subject = person('Hanya Instansi Pertama');
    const event = dpoIssued(uuidv7(), subject);
    await publish(event);
    await waitFor(() => inboxHas(event.id), { ...CONVERGED, description: 'applied by the first instance' });
    await waitFor(async () => (await decisionAt(urls.a, subject)) === 'deny', {
      ...CONVERGED,
      description: 'deny on the instance that applied it',
    });
    await waitFor(async () => (await decisionAt(urls.b, subject)) === 'deny', {
      ...CONVERGED,
      description: 'deny on the other instance',
    });
  });
});

describe('a change committed whose index update was lost', () => {
  it('reaches the index without a restart when the redelivery is skipped as a duplicate', async () => {
    const subject = person('Komit Tanpa Indeks');
    const entryId = uuidv7();
    const event = dpoIssued(entryId, subject);
    const d = event.data as { validFrom: string; validUntil: string; origin?: unknown };
    // What the consumer's transaction committed before the reply to COMMIT was lost: the replica
    // row and the inbox row, and nothing after the commit ran.
    await t.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO watchlist_replica (entry_id, version, rank, legal_type, action, person, valid_from,
                                        valid_until, revoked_at, origin, stream_sequence, applied_at)
         VALUES ($1, 1, 2, 'dpo', 'deny_departure', $2, $3, $4, NULL, $5, 0, $6)`,
        [entryId, JSON.stringify(subject), d.validFrom, d.validUntil, JSON.stringify(d.origin ?? null), T0],
      );
      await manager.query(`INSERT INTO bus_inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)`, [
        DURABLE,
        event.id,
        event.type,
      ]);
    });
    // The redelivery: a duplicate for the inbox, acknowledged without applying anything.
    await publish(event);
    await waitFor(durableSettled, { description: 'redelivery acknowledged' });
    await waitFor(async () => (await decisionAt(urls.a, subject)) === 'deny', {
      description: 'the committed entry screens deny',
    });
    const replica = t.app.get(WatchlistReplicaService);
    await replica.refresh();
    const status = await fetch(`${urls.a}/v1/watchlist/status`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(status.status).toBe(200);
    const body = (await status.json()) as { index: { lastChange: number; tableChange: number } };
    expect(body.index).toMatchObject({ pendingChanges: 0, lagSeconds: 0 });
    expect(body.index.lastChange).toBe(body.index.tableChange);
  });
});

describe('the change feed', () => {
  it('numbers changes in commit order: a writer waits until the one before it has committed', async () => {
    const insert = (entryId: string) =>
      `INSERT INTO watchlist_replica (entry_id, version, rank, revoked_at, stream_sequence, applied_at)
       VALUES ('${entryId}', 1, 3, '${T0.toISOString()}', 0, '${T0.toISOString()}')`;
    const [a, b] = [uuidv7(), uuidv7()];
    const first = t.dataSource.createQueryRunner();
    const second = t.dataSource.createQueryRunner();
    try {
      await first.startTransaction();
      await first.query(insert(a));
      await second.startTransaction();
      const [{ pid }] = (await second.query(`SELECT pg_backend_pid() AS pid`)) as Array<{ pid: number }>;
      const waiting = second.query(insert(b));
      // Without the lock, b would take a higher number and could commit (and be read) before a.
      await waitFor(
        async () =>
          (
            (await t.dataSource.query(
              `SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`,
              [pid],
            )) as unknown[]
          ).length > 0,
        { description: 'the second writer waiting for the first to commit' },
      );
      await first.commitTransaction();
      await waiting;
      await second.commitTransaction();
    } finally {
      await first.release();
      await second.release();
    }
    const rows: Array<{ entry_id: string; change_seq: string }> = await t.dataSource.query(
      `SELECT entry_id, change_seq FROM watchlist_replica WHERE entry_id = ANY($1)`,
      [[a, b]],
    );
    const seq = new Map(rows.map((r) => [r.entry_id, Number(r.change_seq)]));
    expect(seq.get(a)!).toBeLessThan(seq.get(b)!);
  });
});
