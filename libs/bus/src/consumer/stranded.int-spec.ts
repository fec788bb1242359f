// Nothing is stranded (nats-server 2.9 delivers a message no more after its `max_deliver`-th
// delivery, so durables have an unlimited one and the runner counts attempts): a dead letter that
// cannot be stored (even across a stop and restart), a database that cannot answer the inbox check
// and a verifier that fails past the last attempt each keep the message, and a message at the
// source stream's size limit can still be dead-lettered. Real nats-server and PostgreSQL.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { SimpulBus } from '../bus.js';
import { DEAD_LETTERS_PENDING_ALERT } from '../health/bus-health.js';
import { BusConnection } from '../connection/bus-connection.js';
import { listDeadLetters } from '../dead-letters/dead-letters.js';
import { DeadLetterTruncationHeader, publishDeadLetter } from '../dead-letters/publish-dead-letter.js';
import { BusErrorCode } from '../errors.js';
import { silentLogger, type BusLogger } from '../logger.js';
import { provisionTopology } from '../provisioning/provision.js';
import { MAX_MSG_SIZE, simpulConsumers, simpulStreams } from '../provisioning/topology.js';
import { VerifierPool } from '../signing/verifier-pool.js';
import { createBusHarness, type BusHarness } from '../testing/harness.js';
import { publishSignedEvent } from '../testing/events.js';
import { arrestEvent } from '../testing/fixtures.js';
import { startNatsServer } from '../testing/nats-server.js';
import { waitFor } from '../testing/wait-for.js';
import { collectHandlers } from './collect-handlers.js';
import { ConsumerRunner } from './consumer-runner.js';
import { OnBusEvent } from './decorators.js';
import type { EventContext } from './handler.js';

const failing = new Set<string>();
const attempts = new Map<string, number>();

class Handlers {
  @OnBusEvent('police.arrest.recorded.v1', { consumer: 'ministry-police' })
  async onArrest(event: { id: string }, { manager }: EventContext): Promise<void> {
    attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
    await manager.query(`SELECT 1`);
    if (failing.has(event.id)) throw new Error('always failing');
  }
}

jest.setTimeout(30_000);

/** Error lines of the runner, to await what it reports. */
const errors: string[] = [];
const logger: BusLogger = { ...silentLogger, error: (m) => errors.push(m) };

let h: BusHarness;
let bus: SimpulBus;
const runner = () => bus.runners.get('ministry-police')!;
const riauKey = () => h.keys.keyRing.keyFor('/polri/polda/riau')!;
const MAX_ATTEMPTS = 4;

const letterOf = async (seq: number) =>
  (await listDeadLetters(h.probe.jsm)).find((d) => d.stream === 'POLICE' && d.streamSequence === seq);

/** `count` deliveries of stream sequence `seq` to a process that dies without settling them (nak'ed by hand). */
async function deliverUnseen(seq: number, count: number): Promise<void> {
  const durable = await h.probe.js.consumers.get('POLICE', 'ministry-police');
  for (let delivery = 1; delivery <= count; delivery++) {
    const msg = await durable.next({ expires: 5000 });
    expect(msg?.info.streamSequence).toBe(seq);
    msg!.nak();
  }
}

/** What instances that began `attempts` attempts at the event and died in them left in the database. */
async function countedAttempts(eventId: string, count: number): Promise<void> {
  await h.dataSource.query(
    `INSERT INTO bus_attempt (consumer, event_id, attempts) VALUES ('ministry-police', $1, $2)`,
    [eventId, count],
  );
}

async function attemptRow(eventId: string): Promise<number | undefined> {
  const rows: Array<{ attempts: number }> = await h.dataSource.query(
    `SELECT attempts FROM bus_attempt WHERE consumer = 'ministry-police' AND event_id = $1`,
    [eventId],
  );
  return rows[0]?.attempts;
}

async function provisionDeadLetters(): Promise<void> {
  await provisionTopology(h.probe.jsm, h.probe.serverVersion(), {
    streams: simpulStreams().filter((s) => s.name === 'DEAD_LETTERS'),
    consumers: [],
  });
}

beforeAll(async () => {
  h = await createBusHarness({ prefix: 'bus_stranded', logger });
  bus = await h.startBus({
    handlers: collectHandlers(new Handlers()),
    consumers: { 'ministry-police': { retryDelaysMs: [50, 100, 150] } },
    topology: { consumer: { maxAttempts: MAX_ATTEMPTS } },
    relay: false,
  });
});

afterAll(async () => {
  await h?.close();
});

beforeEach(() => {
  failing.clear();
  errors.length = 0;
});

describe('the final delivery', () => {
  it('holds a message whose dead letter cannot be stored, and stores it once DEAD_LETTERS takes it again', async () => {
    await h.probe.jsm.streams.delete('DEAD_LETTERS');
    try {
      const event = arrestEvent();
      failing.add(event.id);
      const { seq } = await publishSignedEvent(h.probe.js, event, riauKey());
      // Two refusals: the last attempt's, and one more (the runner's retry, or a redelivery).
      const refused = new RegExp(`cannot store dead letter of (POLICE )?seq ${seq}\\b`);
      await waitFor(() => errors.filter((e) => refused.test(e)).length >= 2, {
        description: 'two refused dead letters',
      });
      expect(attempts.get(event.id)).toBe(MAX_ATTEMPTS);
      // /health shows it held, with an alert an operator can act on.
      expect(await bus.health()).toMatchObject({
        deadLettersPending: 1,
        deadLetterFailures: expect.any(Number),
        alerts: [DEAD_LETTERS_PENDING_ALERT],
        consumers: { 'ministry-police': expect.objectContaining({ deadLettersPending: 1 }) },
      });
      await provisionDeadLetters();
      const letter = await waitFor(() => letterOf(seq), { description: 'dead letter after the outage' });
      expect(letter.errorCode).toBe(BusErrorCode.RETRIES_EXHAUSTED);
      expect(letter.eventId).toBe(event.id);
      expect(runner().stats.deadLetterFailures).toBeGreaterThanOrEqual(2);
      await waitFor(() => runner().deadLettersPending === 0, { description: 'nothing held' });
      expect(await bus.health()).not.toHaveProperty('alerts');
    } finally {
      await provisionDeadLetters();
    }
  });

  it('applies a message whose deliveries went to a killed instance: deliveries no handler saw are not attempts', async () => {
    await runner().stop();
    const event = arrestEvent();
    const { seq } = await publishSignedEvent(h.probe.js, event, riauKey());
    // Regression (fault suite, kill -9 of a consumer): the server counted 16 to 56 deliveries to the
    // killed instance's open pull requests, and the next instance dead-lettered the message as
    // exhausted without ever running its handler. Here: MAX_ATTEMPTS + 3 deliveries, nak'ed unseen.
    await deliverUnseen(seq, MAX_ATTEMPTS + 3);
    runner().start();
    await waitFor(() => attempts.get(event.id) === 1, { description: 'the handler ran once' });
    await waitFor(async () => (await attemptRow(event.id)) === undefined, {
      description: 'its attempt count deleted with the apply',
    });
    expect(await letterOf(seq)).toBeUndefined();
  });

  it('dead-letters (replayable) a final delivery whose inbox check hits a database error', async () => {
    await runner().stop();
    const event = arrestEvent();
    const { seq } = await publishSignedEvent(h.probe.js, event, riauKey());
    // MAX_ATTEMPTS attempts began and died with their process (counted, never settled).
    await deliverUnseen(seq, MAX_ATTEMPTS);
    await countedAttempts(event.id, MAX_ATTEMPTS);
    await h.dataSource.query(`ALTER TABLE bus_inbox RENAME TO bus_inbox_away`);
    try {
      runner().start();
      const letter = await waitFor(() => letterOf(seq), { description: 'dead letter of the final delivery' });
      expect(letter.errorCode).toBe(BusErrorCode.RETRIES_EXHAUSTED);
      expect(letter.deliveries).toBeGreaterThan(MAX_ATTEMPTS);
      expect(letter.error).toContain('inbox check failed');
    } finally {
      await h.dataSource.query(`ALTER TABLE bus_inbox_away RENAME TO bus_inbox`);
    }
    expect(attempts.get(event.id)).toBeUndefined();
  });

  it('keeps a final delivery whose dead letter cannot be stored across a stop and restart, and stores it once DEAD_LETTERS is back', async () => {
    await runner().stop();
    const event = arrestEvent();
    const { seq } = await publishSignedEvent(h.probe.js, event, riauKey());
    // Every attempt begins and dies with its process without settling.
    await deliverUnseen(seq, MAX_ATTEMPTS);
    await countedAttempts(event.id, MAX_ATTEMPTS);
    await h.probe.jsm.streams.delete('DEAD_LETTERS');
    try {
      // The delivery past the attempts: only dead-lettering is tried, and it is refused.
      runner().start();
      const refused = new RegExp(`cannot store dead letter of (POLICE )?seq ${seq}\\b`);
      await waitFor(() => errors.some((e) => refused.test(e)), { description: 'a refused dead letter' });
      // The consumer process stops (DEAD_LETTERS still down) and starts again later.
      await runner().stop();
      runner().start();
      await provisionDeadLetters();
      const letter = await waitFor(() => letterOf(seq), {
        description: 'dead letter after stop and restart',
      });
      expect(letter.errorCode).toBe(BusErrorCode.RETRIES_EXHAUSTED);
      expect(letter.eventId).toBe(event.id);
      expect(letter.deliveries).toBeGreaterThan(MAX_ATTEMPTS + 1);
      expect(attempts.get(event.id)).toBeUndefined();
      await waitFor(() => runner().deadLettersPending === 0, { description: 'nothing held' });
    } finally {
      await provisionDeadLetters();
    }
  });

  it('verifies on the event loop when the verifier pool fails, so the message is still applied', async () => {
    await runner().stop();
    const broken = new VerifierPool(1);
    await broken.close(); // every verify() now rejects
    const definition = simpulConsumers(['local'], {
      consumer: { ackWaitMs: 5000, maxAttempts: MAX_ATTEMPTS },
    }).find((d) => d.durable === 'ministry-police')!;
    const own = new ConsumerRunner({
      connection: h.probe,
      dataSource: h.dataSource,
      keys: h.keys.registry,
      consumer: definition,
      handlers: collectHandlers(new Handlers()),
      verifier: broken,
      retryDelaysMs: [50],
      logger: silentLogger,
    });
    own.start();
    try {
      const event = arrestEvent();
      await publishSignedEvent(h.probe.js, event, riauKey());
      await waitFor(() => own.stats.applied === 1, { description: 'applied despite the verifier' });
      expect(own.stats.verifierFallbacks).toBeGreaterThan(0);
      expect(attempts.get(event.id)).toBe(1);
    } finally {
      await own.stop();
      runner().start();
    }
  });
});

describe('size', () => {
  it('dead-letters a foreign message at the source stream limit', async () => {
    // Unsigned garbage as large as POLICE accepts: the dead letter adds its headers on top.
    const body = Buffer.alloc(MAX_MSG_SIZE - 256, 'x');
    const { seq } = await h.probe.js.publish('police.riau.arrest.recorded', body, {
      msgID: `big-${Date.now()}`,
    });
    const letter = await waitFor(() => letterOf(seq), { description: 'dead letter of a large message' });
    expect(letter.errorCode).toBe(BusErrorCode.SIGNATURE_MISSING);
    if (letter.headers.get(DeadLetterTruncationHeader.TRUNCATED) === 'true') {
      expect(letter.headers.get(DeadLetterTruncationHeader.BODY_SHA256)).toBe(
        createHash('sha256').update(body).digest('hex'),
      );
    } else {
      expect(Buffer.from(letter.body).equals(body)).toBe(true);
    }
  });

  it('stores a digest and a pointer when the body does not fit into DEAD_LETTERS', async () => {
    const small = await startNatsServer({ jetstream: true });
    const connection = await BusConnection.connect({
      servers: small.url,
      name: 'dl-size',
      logger: silentLogger,
    });
    try {
      await connection.jsm.streams.add({
        name: 'DEAD_LETTERS',
        subjects: ['deadletter.>'],
        max_msg_size: 8192,
      });
      const data = Buffer.alloc(16_384, 'y');
      const original = natsHeaders();
      original.set('Simpul-Key', 'polda-riau-1');
      original.set('X-Large', 'z'.repeat(4000));
      const result = await publishDeadLetter(
        connection.js,
        'ministry-police',
        {
          subject: 'police.riau.arrest.recorded',
          data,
          headers: original,
          info: { stream: 'POLICE', streamSequence: 42, deliveryCount: 1 },
        } as never,
        { code: BusErrorCode.SIGNATURE_INVALID, name: 'BusError', message: 'signature does not match' },
      );
      expect(result).toEqual({ truncated: true });
      const [letter] = await listDeadLetters(connection.jsm);
      expect(letter!.headers.get(DeadLetterTruncationHeader.TRUNCATED)).toBe('true');
      expect(letter!.headers.get(DeadLetterTruncationHeader.BODY_SHA256)).toBe(
        createHash('sha256').update(data).digest('hex'),
      );
      expect(letter!.headers.get(DeadLetterTruncationHeader.BODY_SIZE)).toBe('16384');
      expect(letter!.headers.get('Simpul-Key')).toBe('polda-riau-1');
      expect(letter!.headers.get('X-Large')).toBe('');
      expect(letter!.stream).toBe('POLICE');
      expect(letter!.streamSequence).toBe(42);
      expect(letter!.errorCode).toBe(BusErrorCode.SIGNATURE_INVALID);
      expect(JSON.parse(Buffer.from(letter!.body).toString('utf8'))).toEqual({
        truncated: true,
        stream: 'POLICE',
        sequence: 42,
        sha256: createHash('sha256').update(data).digest('hex'),
        size: 16_384,
      });
    } finally {
      await connection.drain().catch(() => undefined);
      await small.stop();
    }
  });
});
