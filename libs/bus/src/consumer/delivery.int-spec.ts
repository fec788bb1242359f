// Delivery semantics of the consumer runner against a real nats-server and PostgreSQL: exactly one
// effect per event whatever the delivery count, retries, poison and dead letters, signature
// rejection, replay, batch isolation, and version-guarded state.
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { uuidv7 } from '@simpul/contracts';
import type { QueryRunner } from 'typeorm';
import type { SimpulBus } from '../bus.js';
import { contractSubjectFor } from '../contracts.js';
import { listDeadLetters, replayDeadLetters } from '../dead-letters/dead-letters.js';
import { BusErrorCode, RetryLaterError } from '../errors.js';
import { BusHeader } from '../headers.js';
import { consoleLogger } from '../logger.js';
import { versionedUpsert } from '../inbox/versioned-upsert.js';
import { appendToOutbox } from '../outbox/append.js';
import { generateSigningKey } from '../signing/keys.js';
import { canonicalBytes } from '../signing/canonical.js';
import { createTestDataSource } from '../testing/data-source.js';
import { createBusHarness, type BusHarness } from '../testing/harness.js';
import { publishSignedEvent } from '../testing/events.js';
import { arrestEvent, watchlistIssuedEvent } from '../testing/fixtures.js';
import { waitFor } from '../testing/wait-for.js';
import { collectHandlers } from './collect-handlers.js';
import { OnBusEvent } from './decorators.js';
import type { EventContext } from './handler.js';

class TestEffects1764300000000 {
  name = 'TestEffects1764300000000';
  async up(q: QueryRunner): Promise<void> {
    // No unique constraint on purpose: a duplicate effect must be visible as a second row.
    await q.query(
      `CREATE TABLE test_effects (event_id uuid NOT NULL, consumer text NOT NULL, applied_at timestamptz DEFAULT now())`,
    );
    await q.query(
      `CREATE TABLE test_watchlist (entry_id uuid PRIMARY KEY, version int NOT NULL, reason text NOT NULL)`,
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE test_effects; DROP TABLE test_watchlist`);
  }
}

class CaseClosedError extends Error {}

type Behaviour = 'fail-once' | 'poison' | 'fail-always' | 'retry-later';
const behaviour = new Map<string, Behaviour>();
const attempts = new Map<string, number>();

class Handlers {
  @OnBusEvent('police.arrest.recorded.v1', { consumer: 'ministry-police', poison: [CaseClosedError] })
  async onArrest(event: { id: string }, { manager, consumer }: EventContext): Promise<void> {
    const n = (attempts.get(event.id) ?? 0) + 1;
    attempts.set(event.id, n);
    // Write first, then fail: a failure must roll the effect back with the inbox row.
    await manager.query(`INSERT INTO test_effects (event_id, consumer) VALUES ($1, $2)`, [
      event.id,
      consumer,
    ]);
    const b = behaviour.get(event.id);
    if (b === 'fail-once' && n === 1) throw new Error('transient failure');
    if (b === 'retry-later' && n === 1) throw new RetryLaterError('TEST.BUSY', 'busy', 50);
    if (b === 'poison') throw new CaseClosedError('case closed');
    if (b === 'fail-always') throw new Error('always failing');
  }

  @OnBusEvent('ministry.watchlist.entry.issued.v1', { consumer: 'immigration-local-watchlist' })
  async onWatchlist(
    event: { data: { entryId: string; version: number; reason: string } },
    { manager }: EventContext,
  ): Promise<void> {
    await versionedUpsert(manager, {
      table: 'test_watchlist',
      key: { entry_id: event.data.entryId },
      version: event.data.version,
      values: { reason: event.data.reason },
    });
  }
}

jest.setTimeout(20_000);

let h: BusHarness;
let bus: SimpulBus;

const effectCount = async (eventId: string): Promise<number> =>
  Number(
    (
      await h.dataSource.query(`SELECT count(*)::int AS n FROM test_effects WHERE event_id = $1`, [eventId])
    )[0].n,
  );

const deadLetterFor = async (eventId: string) =>
  (await listDeadLetters(h.probe.jsm)).find((d) => d.eventId === eventId);

async function appendInTransaction(...events: Parameters<typeof appendToOutbox>[1][]): Promise<void> {
  await h.dataSource.transaction(async (manager) => {
    for (const e of events) await appendToOutbox(manager, e);
  });
}

const riauKey = () => h.keys.keyRing.keyFor('/polri/polda/riau')!;
const runner = () => bus.runners.get('ministry-police')!;

beforeAll(async () => {
  h = await createBusHarness({
    prefix: 'bus_delivery',
    migrations: [TestEffects1764300000000],
    logger: process.env.BUS_TEST_LOG ? consoleLogger('test') : undefined,
  });
  bus = await h.startBus({
    handlers: collectHandlers(new Handlers()),
    consumers: { 'ministry-police': { retryDelaysMs: [50, 100, 150] } },
  });
});

afterAll(async () => {
  await h?.close();
});

beforeEach(() => {
  behaviour.clear();
  attempts.clear();
});

describe('outbox to effect', () => {
  it('publishes a committed event and applies it once, even when delivered again', async () => {
    const event = arrestEvent();
    await appendInTransaction(event);
    await waitFor(async () => (await effectCount(event.id)) === 1, { description: 'first effect' });

    // The same event again under another Nats-Msg-Id (past JetStream's de-duplication): the inbox skips it.
    const duplicatesBefore = runner().stats.duplicates;
    await publishSignedEvent(h.probe.js, event, riauKey(), { msgId: `${event.id}-again` });
    await waitFor(() => runner().stats.duplicates > duplicatesBefore, { description: 'duplicate seen' });
    expect(await effectCount(event.id)).toBe(1);
    expect(attempts.get(event.id)).toBe(1);
  });

  it('finds an event committed by another process by polling (no in-process wake-up)', async () => {
    const other = await createTestDataSource(h.db.url);
    try {
      const event = arrestEvent();
      await other.transaction((manager) => appendToOutbox(manager, event));
      await waitFor(async () => (await effectCount(event.id)) === 1, { description: 'polled and applied' });
    } finally {
      await other.destroy();
    }
  });

  it('accepts a body another publisher serialised differently (the signature covers its canonical form)', async () => {
    const event = arrestEvent();
    const pretty = Buffer.from(JSON.stringify(event, null, 2));
    await publishSignedEvent(h.probe.js, event, riauKey(), { body: pretty });
    await waitFor(async () => (await effectCount(event.id)) === 1);
  });

  it('de-duplicates a re-published row at JetStream by Nats-Msg-Id', async () => {
    const event = arrestEvent();
    const first = await publishSignedEvent(h.probe.js, event, riauKey());
    const second = await publishSignedEvent(h.probe.js, event, riauKey());
    expect(second.duplicate).toBe(true);
    expect(second.seq).toBe(first.seq);
    await waitFor(async () => (await effectCount(event.id)) === 1);
  });

  it('publishes nothing when the transaction rolls back, and refuses an append outside a transaction', async () => {
    const event = arrestEvent();
    await expect(
      h.dataSource.transaction(async (manager) => {
        await appendToOutbox(manager, event);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(
      (
        await h.dataSource.query(`SELECT count(*)::int AS n FROM bus_outbox WHERE event_id = $1`, [event.id])
      )[0].n,
    ).toBe(0);
    await expect(appendToOutbox(h.dataSource.manager, event)).rejects.toMatchObject({
      code: BusErrorCode.OUTBOX_NEEDS_TRANSACTION,
    });
  });

  it('refuses an invalid event at append time with the failing paths', async () => {
    const event = arrestEvent();
    const broken = { ...event, data: { ...event.data, suspects: [] } };
    await expect(
      h.dataSource.transaction((manager) => appendToOutbox(manager, broken)),
    ).rejects.toMatchObject({
      code: BusErrorCode.OUTBOX_EVENT_INVALID,
    });
  });

  it('signs with the key of the event source and sends the traceparent', async () => {
    const event = arrestEvent({ polda: 'kepri' });
    const sub = h.probe.nc.subscribe(contractSubjectFor(event), { max: 1 });
    await h.probe.nc.flush();
    await appendInTransaction(event);
    for await (const msg of sub) {
      expect(msg.headers?.get(BusHeader.KEY)).toBe(h.keys.keyRing.keyFor('/polri/polda/kepri')!.keyId);
      expect(msg.headers?.get(BusHeader.TRACEPARENT)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(Buffer.from(msg.data).equals(canonicalBytes(event))).toBe(true);
    }
    await waitFor(async () => (await effectCount(event.id)) === 1);
  });
});

describe('failures', () => {
  it('redelivers a retryable failure after a delay, and the retry succeeds with one effect', async () => {
    const event = arrestEvent();
    behaviour.set(event.id, 'fail-once');
    await appendInTransaction(event);
    await waitFor(async () => (await effectCount(event.id)) === 1, { description: 'effect after retry' });
    expect(attempts.get(event.id)).toBe(2);
  });

  it('honours a handler asking to retry later', async () => {
    const event = arrestEvent();
    behaviour.set(event.id, 'retry-later');
    await appendInTransaction(event);
    await waitFor(async () => (await effectCount(event.id)) === 1);
    expect(attempts.get(event.id)).toBe(2);
  });

  it('dead-letters declared poison at once, with the original body and headers, and the next messages still flow', async () => {
    const poison = arrestEvent();
    const next = arrestEvent();
    behaviour.set(poison.id, 'poison');
    await appendInTransaction(poison, next);
    const letter = await waitFor(() => deadLetterFor(poison.id), { description: 'dead letter' });
    await waitFor(async () => (await effectCount(next.id)) === 1, { description: 'next message applied' });
    expect(letter.errorCode).toBe(BusErrorCode.HANDLER_POISON);
    expect(letter.consumer).toBe('ministry-police');
    expect(letter.subject).toBe('police.riau.arrest.recorded');
    expect(Buffer.from(letter.body).equals(canonicalBytes(poison))).toBe(true);
    expect(letter.headers.get(BusHeader.KEY)).toBe(riauKey().keyId);
    expect(letter.headers.get(BusHeader.SIGNATURE)).toBeTruthy();
    expect(letter.error).not.toContain(poison.data.suspects[0]!.person.fullName);
    expect(await effectCount(poison.id)).toBe(0);
    // Delivered once; the handler may have run twice (in the batch, then alone to isolate it).
    expect(letter.deliveries).toBe(1);
  });

  it('dead-letters a retryable failure on its last allowed attempt (2.9 would just stop delivering)', async () => {
    const event = arrestEvent();
    behaviour.set(event.id, 'fail-always');
    await appendInTransaction(event);
    const letter = await waitFor(() => deadLetterFor(event.id), {
      description: 'dead letter after 4 attempts',
    });
    expect(letter.errorCode).toBe(BusErrorCode.RETRIES_EXHAUSTED);
    expect(letter.deliveries).toBe(4);
    expect(attempts.get(event.id)).toBe(4);
    expect(await effectCount(event.id)).toBe(0);
  });

  it('applies the good messages of a batch when one of them is poison', async () => {
    await runner().stop();
    const events = Array.from({ length: 12 }, () => arrestEvent());
    behaviour.set(events[5]!.id, 'poison');
    await appendInTransaction(...events);
    await waitFor(
      async () => (await h.dataSource.query(`SELECT count(*)::int AS n FROM bus_outbox`))[0].n === 0,
    );
    runner().start();
    await waitFor(() => deadLetterFor(events[5]!.id));
    for (const e of events.filter((_, i) => i !== 5)) {
      await waitFor(async () => (await effectCount(e.id)) === 1, { description: `effect of ${e.id}` });
    }
    expect(await effectCount(events[5]!.id)).toBe(0);
  });
});

describe('trust', () => {
  async function expectRejected(eventId: string, code: string): Promise<void> {
    const letter = await waitFor(() => deadLetterFor(eventId), { description: `dead letter ${code}` });
    expect(letter.errorCode).toBe(code);
    expect(await effectCount(eventId)).toBe(0);
    expect(attempts.get(eventId)).toBeUndefined();
  }

  it('rejects a tampered body', async () => {
    const event = arrestEvent();
    const tampered = canonicalBytes({ ...event, data: { ...event.data, reportNumber: 'LP/B/999/VII/2025' } });
    await publishSignedEvent(h.probe.js, event, riauKey(), { body: tampered });
    await expectRejected(event.id, BusErrorCode.SIGNATURE_INVALID);
  });

  it('rejects a key that is not registered', async () => {
    const event = arrestEvent();
    await publishSignedEvent(h.probe.js, event, generateSigningKey('polda:riau'));
    await expectRejected(event.id, BusErrorCode.KEY_UNKNOWN);
  });

  it("rejects another unit's key, even when the signature is valid", async () => {
    const event = arrestEvent({ polda: 'riau' });
    await publishSignedEvent(h.probe.js, event, h.keys.keyRing.keyFor('/polri/polda/kepri')!);
    await expectRejected(event.id, BusErrorCode.KEY_NOT_AUTHORIZED);
  });

  it('rejects an event published on a subject it does not belong to', async () => {
    const event = arrestEvent({ polda: 'riau' });
    await publishSignedEvent(h.probe.js, event, riauKey(), { subject: 'police.kepri.arrest.recorded' });
    await expectRejected(event.id, BusErrorCode.SUBJECT_MISMATCH);
  });

  it('rejects a signed body that is not a valid event, and an event type the consumer has no handler for', async () => {
    const event = arrestEvent();
    const invalid = { ...event, data: { ...event.data, suspects: [] } };
    await publishSignedEvent(h.probe.js, invalid as typeof event, riauKey(), {
      subject: 'police.riau.arrest.recorded',
    });
    await expectRejected(event.id, BusErrorCode.EVENT_INVALID);
    const foiled = {
      ...(await import('@simpul/contracts/testing')).validFixture('police.departure.foiled.v1'),
      id: uuidv7(),
    };
    await publishSignedEvent(h.probe.js, foiled, riauKey());
    await expectRejected(foiled.id, BusErrorCode.NO_HANDLER);
  });
});

describe('replay', () => {
  it('re-publishes a dead letter after the fix; it applies once, and replaying again is harmless', async () => {
    const event = arrestEvent();
    behaviour.set(event.id, 'poison');
    await appendInTransaction(event);
    await waitFor(() => deadLetterFor(event.id));
    behaviour.delete(event.id); // the fix is deployed

    const [result] = await replayDeadLetters(h.probe, event.id, { keep: true, registry: h.keys.registry });
    expect(result).toMatchObject({ eventId: event.id, outcome: 'replayed' });
    await waitFor(async () => (await effectCount(event.id)) === 1, { description: 'replayed effect' });

    // Again (an operator double-clicks), and this time remove it from DEAD_LETTERS: JetStream keeps
    // one copy of the replay; past its window the inbox would skip it (see the first test).
    const [again] = await replayDeadLetters(h.probe, event.id, { registry: h.keys.registry });
    expect(again).toMatchObject({ outcome: 'already-replayed' });
    expect(await effectCount(event.id)).toBe(1);
    expect(attempts.get(event.id)).toBe(2);
    expect(await deadLetterFor(event.id)).toBeUndefined();
    await expect(replayDeadLetters(h.probe, event.id, { registry: h.keys.registry })).rejects.toMatchObject({
      code: BusErrorCode.DEAD_LETTER_NOT_FOUND,
    });
  });
});

describe('versions', () => {
  it('never lets an older version overwrite newer state, whatever the delivery order', async () => {
    const entryId = uuidv7();
    const v1 = watchlistIssuedEvent(entryId, 1, 'first reason');
    const v2 = watchlistIssuedEvent(entryId, 2, 'second reason');
    const ministry = h.keys.keyRing.keyFor('/kp2mi/ministry')!;
    const state = async () =>
      (
        await h.dataSource.query(`SELECT version, reason FROM test_watchlist WHERE entry_id = $1`, [entryId])
      )[0];

    await publishSignedEvent(h.probe.js, v2, ministry);
    await waitFor(async () => (await state())?.version === 2);
    await publishSignedEvent(h.probe.js, v1, ministry); // v1 overtaken by v2, arriving late
    const watchlist = bus.runners.get('immigration-local-watchlist')!;
    await waitFor(() => watchlist.stats.applied >= 2, { description: 'v1 applied (as a no-op)' });
    expect(await state()).toEqual({ version: 2, reason: 'second reason' });

    await publishSignedEvent(h.probe.js, watchlistIssuedEvent(entryId, 3, 'third reason'), ministry);
    await waitFor(async () => (await state())?.version === 3);
    expect((await state()).reason).toBe('third reason');
  });
});
