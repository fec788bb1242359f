// Inbox retention against a real PostgreSQL and nats-server: old rows are pruned in batches, fresh
// ones stay, and a replayed event never applies twice, whether its inbox row is still there (the
// inbox skips it) or pruned (replay refuses an event older than the inbox retention).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { uuidv7 } from '@simpul/contracts';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { QueryRunner } from 'typeorm';
import type { SimpulBus } from '../bus.js';
import { collectHandlers } from '../consumer/collect-handlers.js';
import { OnBusEvent } from '../consumer/decorators.js';
import type { EventContext } from '../consumer/handler.js';
import { replayDeadLetters } from '../dead-letters/dead-letters.js';
import { OutboxRelay } from '../relay/outbox-relay.js';
import { canonicalBytes } from '../signing/canonical.js';
import { signBytes } from '../signing/keys.js';
import { createBusHarness, type BusHarness } from '../testing/harness.js';
import { arrestEvent } from '../testing/fixtures.js';
import { waitFor } from '../testing/wait-for.js';
import { appendToOutbox } from './append.js';
import { INBOX_RETENTION_MS, pruneInbox } from './inbox-retention.js';

const DAY = 24 * 60 * 60 * 1000;

class RetentionEffects1797250000001 {
  name = 'RetentionEffects1797250000001';
  async up(q: QueryRunner): Promise<void> {
    // No unique constraint on purpose: a second application must show as a second row.
    await q.query(`CREATE TABLE retention_effects (event_id uuid NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE retention_effects`);
  }
}

class Handlers {
  @OnBusEvent('police.arrest.recorded.v1', { consumer: 'ministry-police' })
  async onArrest(event: { id: string }, { manager }: EventContext): Promise<void> {
    await manager.query(`INSERT INTO retention_effects (event_id) VALUES ($1)`, [event.id]);
  }
}

jest.setTimeout(30_000);

let h: BusHarness;
let bus: SimpulBus;

beforeAll(async () => {
  h = await createBusHarness({ prefix: 'bus_retention', migrations: [RetentionEffects1797250000001] });
  bus = await h.startBus({ handlers: collectHandlers(new Handlers()), relay: { pollIntervalMs: 200 } });
});

afterAll(async () => {
  await h?.close();
});

const effects = async (eventId: string): Promise<number> =>
  (
    (await h.dataSource.query(`SELECT count(*)::int AS n FROM retention_effects WHERE event_id = $1`, [
      eventId,
    ])) as { n: number }[]
  )[0]!.n;

const inboxRows = async (eventId: string): Promise<number> =>
  (
    (await h.dataSource.query(`SELECT count(*)::int AS n FROM bus_inbox WHERE event_id = $1`, [eventId])) as {
      n: number;
    }[]
  )[0]!.n;

/** Applies a fresh arrest event through outbox, relay and consumer; returns it once applied. */
async function applied(): Promise<ReturnType<typeof arrestEvent>> {
  const event = arrestEvent();
  await h.dataSource.transaction((manager) => appendToOutbox(manager, event));
  await waitFor(async () => (await effects(event.id)) === 1, { description: 'event applied' });
  return event;
}

/** The same event dead-lettered by another durable (signed as published), ready for replay. */
async function deadLetterOf(event: ReturnType<typeof arrestEvent>): Promise<void> {
  const body = canonicalBytes(event);
  const key = h.keys.keyRing.keyFor('/polri/polda/riau')!;
  const hdrs = natsHeaders();
  hdrs.set('Simpul-Signature', signBytes(body, key.privateKey));
  hdrs.set('Simpul-Key', key.keyId);
  hdrs.set('Simpul-DL-Error-Code', 'BUS.RETRIES_EXHAUSTED');
  await h.probe.js.publish('deadletter.ministry-immigration', body, { headers: hdrs });
}

describe('inbox retention', () => {
  it('keeps inbox rows longer than the event streams keep events', () => {
    expect(INBOX_RETENTION_MS).toBeGreaterThan(365 * DAY);
  });

  it('prunes rows past the retention in batches and keeps the others', async () => {
    const old = Array.from({ length: 25 }, () => uuidv7());
    const fresh = Array.from({ length: 3 }, () => uuidv7());
    await h.dataSource.query(
      `INSERT INTO bus_inbox (consumer, event_id, event_type, applied_at)
       SELECT 'prune-test', id, 'police.arrest.recorded.v1', now() - $2::int * interval '1 day'
         FROM unnest($1::uuid[]) AS id`,
      [old, 401],
    );
    await h.dataSource.query(
      `INSERT INTO bus_inbox (consumer, event_id, event_type) SELECT 'prune-test', id, 'police.arrest.recorded.v1' FROM unnest($1::uuid[]) AS id`,
      [fresh],
    );

    expect(await pruneInbox(h.dataSource, { batchSize: 10 })).toBe(25);

    const left = (await h.dataSource.query(
      `SELECT event_id FROM bus_inbox WHERE consumer = 'prune-test'`,
    )) as {
      event_id: string;
    }[];
    expect(left.map((r) => r.event_id).sort()).toEqual([...fresh].sort());
    expect(await pruneInbox(h.dataSource, { batchSize: 10 })).toBe(0);
  });

  it('is pruned by every running relay, without anyone calling it', async () => {
    const old = uuidv7();
    await h.dataSource.query(
      `INSERT INTO bus_inbox (consumer, event_id, event_type, applied_at)
       VALUES ('relay-prune-test', $1, 'police.arrest.recorded.v1', now() - interval '401 days')`,
      [old],
    );
    const relay = new OutboxRelay({
      dataSource: h.dataSource,
      connection: bus.connection,
      signer: h.keys.keyRing,
      inboxPruning: { intervalMs: 50 },
    });
    relay.start();
    try {
      await waitFor(async () => (await inboxRows(old)) === 0, { description: 'the old inbox row pruned' });
    } finally {
      await relay.stop();
    }
  });

  it('a replayed event whose inbox row is kept applies once: the inbox skips it', async () => {
    const event = await applied();
    await deadLetterOf(event);
    const runner = bus.runners.get('ministry-police')!;
    const duplicatesBefore = runner.stats.duplicates;

    const [result] = await replayDeadLetters(h.probe, event.id, { registry: h.keys.registry });

    expect(result).toMatchObject({ outcome: 'replayed' });
    await waitFor(() => runner.stats.duplicates > duplicatesBefore, {
      description: 'replay seen as duplicate',
    });
    expect(await effects(event.id)).toBe(1);
  });

  it('a replayed event whose inbox row was pruned is refused, so it cannot apply twice', async () => {
    const event = await applied();
    await deadLetterOf(event);
    // Four days pass; with a three-day retention the inbox forgets the event.
    const retentionMs = 3 * DAY;
    await h.dataSource.query(
      `UPDATE bus_inbox SET applied_at = applied_at - interval '4 days' WHERE event_id = $1`,
      [event.id],
    );
    await pruneInbox(h.dataSource, { retentionMs });
    expect(await inboxRows(event.id)).toBe(0);

    const [result] = await replayDeadLetters(h.probe, event.id, {
      registry: h.keys.registry,
      inboxRetentionMs: retentionMs,
      now: () => Date.now() + 4 * DAY,
    });

    expect(result).toMatchObject({ outcome: 'refused', refusal: { code: 'BUS.REPLAY_TOO_OLD' } });
    expect(await effects(event.id)).toBe(1);
  });
});
