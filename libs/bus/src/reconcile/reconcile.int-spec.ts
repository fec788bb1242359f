// The producer ledger and the reconciler (docs/contract.md §11) against this file's own
// nats-server and a real PostgreSQL: the relay keeps what JetStream acknowledged with its stream
// and sequence, retention removes only old ledger rows, and events deleted or purged from the
// stream behind the producer's back are republished once, applied by the consumer exactly once.
// POLICE has a 1 s duplicate window here (the topology's is 2 minutes) so a republish after the
// window is tested without waiting minutes; MINISTRY keeps 2 minutes for the inside-window case.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { uuidv7 } from '@simpul/contracts';
import type { QueryRunner } from 'typeorm';
import { collectHandlers } from '../consumer/collect-handlers.js';
import { OnBusEvent } from '../consumer/decorators.js';
import type { EventContext } from '../consumer/handler.js';
import type { BusLogger } from '../logger.js';
import { appendToOutbox } from '../outbox/append.js';
import { listOutbox } from '../outbox/outbox-admin.js';
import { OutboxRelay } from '../relay/outbox-relay.js';
import { isMsgIdOf, republishMsgId } from '../relay/publish-row.js';
import { outboxMetrics } from '../relay/outbox-metrics.js';
import { provisionTopology } from '../provisioning/provision.js';
import { simpulConsumers, simpulStreams } from '../provisioning/topology.js';
import { createBusHarness, type BusHarness } from '../testing/harness.js';
import { arrestEvent, watchlistIssuedEvent } from '../testing/fixtures.js';
import { waitFor } from '../testing/wait-for.js';
import { pruneLedger } from './ledger-retention.js';
import { dataSourceSession } from './ledger-session.js';
import { Reconciler, type ReconcilerOptions } from './reconciler.js';
import type { BusEvent } from '../contracts.js';

class ReconcileEffects1797400000001 {
  name = 'ReconcileEffects1797400000001';
  async up(q: QueryRunner): Promise<void> {
    // No unique constraint on purpose: a second application must show as a second row.
    await q.query(`CREATE TABLE reconcile_effects (event_id uuid NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reconcile_effects`);
  }
}

class Handlers {
  @OnBusEvent('police.arrest.recorded.v1', { consumer: 'ministry-police' })
  async onArrest(event: { id: string }, { manager }: EventContext): Promise<void> {
    await manager.query(`INSERT INTO reconcile_effects (event_id) VALUES ($1)`, [event.id]);
  }
}

jest.setTimeout(60_000);

const CONSUMER_OPTIONS = { ackWaitMs: 5000, maxAttempts: 4 };
/** The test's streams: POLICE also takes `canary.>` (read by no consumer) and forgets ids after 1 s. */
const STREAMS = simpulStreams().map((s) =>
  s.name === 'POLICE' ? { ...s, subjects: ['police.>', 'canary.>'], duplicateWindowMs: 1000 } : s,
);

let h: BusHarness;
const logged: string[] = [];
const logger: BusLogger = {
  log: (m) => void logged.push(m),
  warn: (m) => void logged.push(m),
  error: (m) => void logged.push(m),
};

async function provision(): Promise<void> {
  await provisionTopology(h.probe.jsm, h.probe.serverVersion(), {
    streams: STREAMS,
    consumers: simpulConsumers(['local'], { consumer: CONSUMER_OPTIONS }).filter(
      (c) => c.durable === 'ministry-police',
    ),
  });
}

beforeAll(async () => {
  h = await createBusHarness({ prefix: 'bus_reconcile', migrations: [ReconcileEffects1797400000001] });
  await provision();
  await h.startBus({
    handlers: collectHandlers(new Handlers()),
    provision: false,
    reconcile: false,
    relay: { pollIntervalMs: 50 },
    topology: { consumer: CONSUMER_OPTIONS },
  });
});

afterAll(async () => {
  await h?.close();
});

function reconciler(options: Partial<ReconcilerOptions> = {}): Reconciler {
  return new Reconciler({
    session: () => dataSourceSession(h.dataSource),
    connection: h.probe,
    signer: h.keys.keyRing,
    logger,
    ...options,
  });
}

async function dbNow(): Promise<Date> {
  return ((await h.dataSource.query(`SELECT now() AS now`)) as { now: Date }[])[0]!.now;
}

interface LedgerRow {
  event_id: string;
  stream: string;
  seq: number;
  republished: number;
}

async function ledgerOf(ids: string[]): Promise<LedgerRow[]> {
  return h.dataSource.query(
    `SELECT event_id::text, stream, stream_seq::int AS seq, republished FROM bus_ledger
      WHERE event_id = ANY($1::uuid[]) ORDER BY id`,
    [ids],
  );
}

/** Appends the events in one transaction and waits until the relay has moved them all to the ledger. */
async function publish(events: BusEvent[]): Promise<LedgerRow[]> {
  await h.dataSource.transaction(async (manager) => {
    for (const e of events) await appendToOutbox(manager, e);
  });
  const ids = events.map((e) => e.id);
  return waitFor(
    async () => {
      const rows = await ledgerOf(ids);
      return rows.length === ids.length ? rows : undefined;
    },
    { description: 'the relay moved the events to the ledger' },
  );
}

/** `count` arrests published through the outbox and acknowledged by ministry-police, after `since`. */
async function arrestsApplied(count: number) {
  const since = await dbNow();
  const events = Array.from({ length: count }, () => arrestEvent());
  const rows = await publish(events);
  await consumerSettledAt(Math.max(...rows.map((r) => r.seq)));
  return { since, events, ids: events.map((e) => e.id), rows };
}

async function effects(ids: string[]): Promise<number[]> {
  const rows = (await h.dataSource.query(
    `SELECT e.id::text AS id, count(r.event_id)::int AS n
       FROM unnest($1::uuid[]) AS e(id) LEFT JOIN reconcile_effects r ON r.event_id = e.id
      GROUP BY e.id`,
    [ids],
  )) as { id: string; n: number }[];
  return ids.map((id) => rows.find((r) => r.id === id)!.n);
}

async function inboxRows(ids: string[]): Promise<number> {
  return (
    (await h.dataSource.query(
      `SELECT count(*)::int AS n FROM bus_inbox WHERE consumer = 'ministry-police' AND event_id = ANY($1::uuid[])`,
      [ids],
    )) as { n: number }[]
  )[0]!.n;
}

/** Waits until ministry-police has acknowledged everything up to `seq` of POLICE. */
async function consumerSettledAt(seq: number): Promise<void> {
  await waitFor(
    async () => {
      const info = await h.probe.jsm.consumers.info('POLICE', 'ministry-police');
      return info.ack_floor.stream_seq >= seq && info.num_ack_pending === 0;
    },
    { description: `ministry-police acknowledged POLICE seq ${seq}` },
  );
}

/** How many messages of `stream` carry each of `ids` (as Nats-Msg-Id: the event id, or a republish's). */
async function copiesInStream(stream: string, ids: string[]): Promise<number[]> {
  const { state } = await h.probe.jsm.streams.info(stream);
  const msgIds: string[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const m = await h.probe.jsm.streams.getMessage(stream, { seq }).catch(() => null);
    const id = m?.header?.get('Nats-Msg-Id');
    if (id) msgIds.push(id);
  }
  // Never one event's msg id twice (the canaries are so on purpose): 2.9.10's mirrors would stall.
  const ofEvents = msgIds.filter((m) => ids.some((id) => isMsgIdOf(m, id)));
  expect(new Set(ofEvents).size).toBe(ofEvents.length);
  return ids.map((id) => msgIds.filter((m) => isMsgIdOf(m, id)).length);
}

/**
 * Waits until POLICE has forgotten the ids of messages published before now: a canary published now
 * is accepted again (not a duplicate) only once the stream's duplicate window has dropped it, and
 * with it every id older than it.
 */
async function duplicateWindowPassed(): Promise<void> {
  const id = `canary-${uuidv7()}`;
  await h.probe.js.publish('canary.window', 'x', { msgID: id });
  await waitFor(async () => !(await h.probe.js.publish('canary.window', 'x', { msgID: id })).duplicate, {
    description: 'the POLICE duplicate window passed',
    intervalMs: 100,
  });
}

describe('the producer ledger', () => {
  it('keeps each acknowledged event with the stream and sequence of its acknowledgement', async () => {
    const events = [arrestEvent(), arrestEvent(), arrestEvent()];
    const rows = await publish(events);
    expect(rows.map((r) => r.stream)).toEqual(['POLICE', 'POLICE', 'POLICE']);
    for (const row of rows) {
      const m = await h.probe.jsm.streams.getMessage(row.stream, { seq: row.seq });
      expect(m?.header.get('Nats-Msg-Id')).toBe(row.event_id);
    }
    // The outbox itself holds only what is not yet acknowledged (`simpul outbox list` shows none).
    expect(await listOutbox(async (sql, p) => h.dataSource.query(sql, p))).toEqual([]);
  });

  it('retention deletes ledger rows past the window, in batches, and no other', async () => {
    const rows = await publish([arrestEvent(), arrestEvent(), arrestEvent()]);
    const old = rows.slice(0, 2).map((r) => r.event_id);
    await h.dataSource.query(
      `UPDATE bus_ledger SET published_at = now() - interval '25 hours' WHERE event_id = ANY($1::uuid[])`,
      [old],
    );
    // A pending outbox row older than the window is not the ledger's: it stays.
    await h.dataSource.transaction(async (manager) =>
      appendToOutbox(manager, arrestEvent(), { subject: 'nowhere.riau.arrest.recorded' }),
    );
    await h.dataSource.query(`UPDATE bus_outbox SET created_at = now() - interval '25 hours'`);
    const pendingBefore = (await listOutbox(async (sql, p) => h.dataSource.query(sql, p))).length;

    expect(await pruneLedger(h.dataSource, { batchSize: 1 })).toBe(2);
    expect((await ledgerOf(rows.map((r) => r.event_id))).map((r) => r.event_id)).toEqual([rows[2]!.event_id]);
    expect((await listOutbox(async (sql, p) => h.dataSource.query(sql, p))).length).toBe(pendingBefore);
    expect(pendingBefore).toBe(1);
    await h.dataSource.query(`DELETE FROM bus_outbox`);
  });

  it('is pruned by every relay, on start and then periodically', async () => {
    const [row] = await publish([arrestEvent()]);
    await h.dataSource.query(
      `UPDATE bus_ledger SET published_at = now() - interval '2 hours' WHERE event_id = $1`,
      [row!.event_id],
    );
    const relay = new OutboxRelay({
      dataSource: h.dataSource,
      connection: h.probe,
      signer: h.keys.keyRing,
      inboxPruning: false,
      ledgerRetention: { retentionMs: 3_600_000, intervalMs: 50 },
      logger,
    });
    relay.start();
    try {
      await waitFor(async () => (await ledgerOf([row!.event_id])).length === 0, {
        description: 'the relay pruned the ledger row past its retention',
      });
    } finally {
      await relay.stop();
    }
  });
});

describe('the reconciler', () => {
  it('republishes events deleted and purged from the stream; the consumer applies each exactly once', async () => {
    const { since, events, ids, rows } = await arrestsApplied(8);
    expect(await effects(ids)).toEqual(Array(8).fill(1));

    // Behind the producer's back: the first two purged (everything below the third), two deleted.
    await h.probe.jsm.streams.purge('POLICE', { seq: rows[2]!.seq });
    await h.probe.jsm.streams.deleteMessage('POLICE', rows[3]!.seq);
    await h.probe.jsm.streams.deleteMessage('POLICE', rows[5]!.seq);
    const lost = [0, 1, 3, 5].map((i) => ids[i]!);
    expect(await copiesInStream('POLICE', ids)).toEqual([0, 0, 1, 0, 1, 0, 1, 1]);
    await duplicateWindowPassed();

    logged.length = 0;
    const metric = async (name: 'reconcileLost' | 'reconcileRepublished') =>
      (await outboxMetrics()[name].get()).values[0]?.value ?? 0;
    const before = [await metric('reconcileLost'), await metric('reconcileRepublished')];
    const report = await reconciler().reconcileOnce({ since });
    expect(report).toEqual({
      since: since.toISOString(),
      checked: 8,
      missing: 4,
      different: 0,
      republished: 4,
      failed: 0,
    });
    expect([await metric('reconcileLost'), await metric('reconcileRepublished')]).toEqual([
      before[0]! + 4,
      before[1]! + 4,
    ]);
    expect(logged.at(-1)).toBe(
      `reconcile: since ${since.toISOString()}: checked 8, missing 4, different 0, republished 4, failed 0`,
    );
    // Log lines name events by id, never by content.
    for (const id of lost) expect(logged.some((l) => l.includes(`republished event ${id}`))).toBe(true);
    expect(logged.join('\n')).not.toContain(events[0]!.data.suspects[0]!.person.fullName);

    // Stored again after the duplicate window: new sequences, in the ledger.
    const after = await ledgerOf(ids);
    const lastOriginal = Math.max(...rows.map((r) => r.seq));
    for (const row of after) {
      const wasLost = lost.includes(row.event_id);
      expect([row.event_id, row.republished, row.seq > lastOriginal]).toEqual([
        row.event_id,
        wasLost ? 1 : 0,
        wasLost,
      ]);
    }
    expect(await copiesInStream('POLICE', ids)).toEqual(Array(8).fill(1));

    // The consumer received the republished events and applied none of them twice.
    await consumerSettledAt(Math.max(...after.map((r) => r.seq)));
    expect(await effects(ids)).toEqual(Array(8).fill(1));
    expect(await inboxRows(ids)).toBe(8);

    // Nothing left to do; a periodic run skips what was found settled in place.
    expect(await reconciler().reconcileOnce({ since })).toMatchObject({
      checked: 8,
      missing: 0,
      republished: 0,
    });
    expect(await reconciler({ settledAfterMs: 0 }).reconcileOnce({ since, skipSettled: true })).toMatchObject(
      { checked: 0 },
    );
  });

  it('restores a lost event at once, also inside the duplicate window: the republish has a msg id of its own', async () => {
    const since = await dbNow();
    const event = watchlistIssuedEvent(uuidv7(), 1);
    const [row] = await publish([event]);
    expect(row!.stream).toBe('MINISTRY');
    await h.probe.jsm.streams.deleteMessage('MINISTRY', row!.seq);

    const report = await reconciler().reconcileOnce({ since });
    expect(report).toMatchObject({ checked: 1, missing: 1, republished: 1, failed: 0 });
    const [after] = await ledgerOf([event.id]);
    expect(after).toMatchObject({ stream: 'MINISTRY', republished: 1 });
    const m = await h.probe.jsm.streams.getMessage('MINISTRY', { seq: after!.seq });
    expect(m?.header.get('Nats-Msg-Id')).toBe(republishMsgId(event.id, 1));
    expect(await copiesInStream('MINISTRY', [event.id])).toEqual([1]);
    // Found in place on the next run.
    expect(await reconciler().reconcileOnce({ since })).toMatchObject({
      checked: 1,
      missing: 0,
      republished: 0,
    });
  });

  it('runs one at a time per database: two reconcilers at once publish each lost event once', async () => {
    const { since, ids, rows } = await arrestsApplied(4);
    await h.probe.jsm.streams.deleteMessage('POLICE', rows[0]!.seq);
    await h.probe.jsm.streams.deleteMessage('POLICE', rows[2]!.seq);
    await duplicateWindowPassed();

    // While another session holds the reconciler's lock, a run does nothing.
    const holder = h.dataSource.createQueryRunner();
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock(hashtext('simpul:bus_ledger:reconcile'))`);
    expect(await reconciler().reconcileOnce({ since })).toMatchObject({ skipped: true, checked: 0 });
    expect(await copiesInStream('POLICE', ids)).toEqual([0, 1, 0, 1]);
    await holder.query(`SELECT pg_advisory_unlock(hashtext('simpul:bus_ledger:reconcile'))`);
    await holder.release();

    const reports = await Promise.all([
      reconciler().reconcileOnce({ since }),
      reconciler().reconcileOnce({ since }),
    ]);
    expect(reports.reduce((n, r) => n + r.republished, 0)).toBe(2);
    expect(await copiesInStream('POLICE', ids)).toEqual([1, 1, 1, 1]);
    const after = await ledgerOf(ids);
    expect(after.map((r) => r.republished)).toEqual([1, 0, 1, 0]);
    await consumerSettledAt(Math.max(...after.map((r) => r.seq)));
    expect(await effects(ids)).toEqual([1, 1, 1, 1]);
  });

  it('a run that fails midway, its unlock too, leaves no lock behind', async () => {
    const broken = reconciler({
      session: async () => {
        const session = await dataSourceSession(h.dataSource);
        // The database answers the lock, then nothing the run sends (a statement timeout, say).
        let sent = 0;
        return {
          ...session,
          query: (sql, params) =>
            sent++ === 0 ? session.query(sql, params) : Promise.reject(new Error('database gone')),
        };
      },
    });
    await expect(broken.reconcileOnce()).rejects.toThrow('database gone');
    // Asked of the server: an idle pooled connection must not hold it (the pool would hand that
    // same connection to the next run, whose lock would then succeed and hide the leak).
    const held = (await h.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database =
         (SELECT oid FROM pg_database WHERE datname = current_database())`,
    )) as { n: number }[];
    expect(held[0]!.n).toBe(0);
    expect(await reconciler().reconcileOnce()).not.toHaveProperty('skipped');
  });

  it('runs periodically inside a relaying service', async () => {
    const rows = await publish([arrestEvent(), arrestEvent()]);
    await h.probe.jsm.streams.deleteMessage('POLICE', rows[1]!.seq);
    await duplicateWindowPassed();
    const serviceLog: string[] = [];
    const service = await h.startBus({
      reconcile: { intervalMs: 100 },
      logger: { ...logger, log: (m) => void serviceLog.push(m) },
    });
    await waitFor(async () => (await ledgerOf([rows[1]!.event_id]))[0]!.republished === 1, {
      description: "the service's reconciler republished the deleted event",
    });
    expect(
      serviceLog.some((l) =>
        /^reconcile: since .*: checked \d+, missing \d+, different \d+, republished [1-9]/.test(l),
      ),
    ).toBe(true);
    expect(await copiesInStream('POLICE', [rows[1]!.event_id])).toEqual([1]);
    // Its runs would race the next test's.
    await service.stop();
  });

  it('republishes an event whose sequence holds another message after the stream was recreated', async () => {
    const since = await dbNow();
    const events = [arrestEvent(), arrestEvent(), arrestEvent()];
    const ids = events.map((e) => e.id);
    const rows = await publish(events);
    await h.probe.jsm.streams.delete('POLICE');
    await provision();
    // The new stream's sequences reach the ledger's again with other messages.
    for (let i = 0; i < Math.max(...rows.map((r) => r.seq)); i++) {
      await h.probe.js.publish('canary.filler', 'x', { msgID: `filler-${i}` });
    }

    const report = await reconciler().reconcileOnce({ since });
    expect(report).toMatchObject({ checked: 3, missing: 0, different: 3, republished: 3, failed: 0 });
    expect(await copiesInStream('POLICE', ids)).toEqual([1, 1, 1]);
    for (const row of await ledgerOf(ids)) {
      const m = await h.probe.jsm.streams.getMessage('POLICE', { seq: row.seq });
      expect(m?.header.get('Nats-Msg-Id')).toBe(republishMsgId(row.event_id, 1));
    }
  });
});
