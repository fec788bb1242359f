// The consumer stages alone, without NATS or a database: admission verdicts and settlement
// decisions on hand-made messages (the int specs cover them against real servers).
import { describe, expect, it } from '@jest/globals';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { BusErrorCode, PoisonMessageError, RetryLaterError } from '../errors.js';
import { silentLogger } from '../logger.js';
import { canonicalBytes } from '../signing/canonical.js';
import { generateSigningKey, signBytes } from '../signing/keys.js';
import { StaticKeyRegistry } from '../signing/registry.js';
import type { VerifierPool } from '../signing/verifier-pool.js';
import { arrestEvent } from '../testing/fixtures.js';
import { waitFor } from '../testing/wait-for.js';
import { Admitter, type Admitted } from './admit.js';
import { collectHandlers } from './collect-handlers.js';
import { OnBusEvent } from './decorators.js';
import { Settler } from './settle.js';

class Handlers {
  @OnBusEvent('police.arrest.recorded.v1', { consumer: 'ministry-police' })
  onArrest(): void {}
}

interface FakeMsg extends JsMsg {
  settled: string[];
  workingCalls: number;
}

function fakeMsg(
  data: Uint8Array,
  headers: Record<string, string>,
  options: { subject?: string; deliveryCount?: number } = {},
): FakeMsg {
  const settled: string[] = [];
  const h = natsHeaders();
  for (const [k, v] of Object.entries(headers)) h.set(k, v);
  const msg = {
    subject: options.subject ?? 'police.riau.arrest.recorded',
    data,
    headers: h,
    info: { stream: 'POLICE', streamSequence: 7, deliveryCount: options.deliveryCount ?? 1 },
    settled,
    workingCalls: 0,
    ack: () => settled.push('ack'),
    nak: (delay?: number) => settled.push(delay === undefined ? 'nak' : `nak ${delay}`),
    term: () => settled.push('term'),
    working: () => msg.workingCalls++,
  };
  return msg as unknown as FakeMsg;
}

const key = generateSigningKey('polda:riau');
const registry = new StaticKeyRegistry([
  { keyId: key.keyId, publicKey: key.publicKey, sources: ['/polri/polda/riau'] },
]);
const signed = (body: Uint8Array, over: Uint8Array = body) =>
  fakeMsg(body, { 'Simpul-Key': key.keyId, 'Simpul-Signature': signBytes(over, key.privateKey) });

const admitter = (verifier?: VerifierPool) => {
  const stats = { verifierFallbacks: 0 };
  const a = new Admitter({
    durable: 'ministry-police',
    keys: registry,
    verifier,
    handlers: collectHandlers(new Handlers()),
    logger: silentLogger,
    stats,
  });
  return { a, stats };
};

describe('Admitter', () => {
  it('admits a signed, valid, authorized event with its handlers and delivery facts', async () => {
    const event = arrestEvent();
    const [verdict] = await admitter().a.admit([signed(canonicalBytes(event))]);
    expect(verdict).toMatchObject({
      admitted: {
        event: { id: event.id },
        delivery: { consumer: 'ministry-police', stream: 'POLICE', streamSequence: 7, deliveryCount: 1 },
      },
    });
  });

  it('rejects, with the rule broken, what can never be applied', async () => {
    const event = arrestEvent();
    const body = canonicalBytes(event);
    const tampered = canonicalBytes({ ...event, data: { ...event.data, reportNumber: 'LP/B/1/I/2025' } });
    const kepri = canonicalBytes(arrestEvent({ polda: 'kepri' }));
    const verdicts = await admitter().a.admit([
      fakeMsg(body, {}),
      signed(tampered, body),
      signed(kepri),
      fakeMsg(
        body,
        { 'Simpul-Key': key.keyId, 'Simpul-Signature': signBytes(body, key.privateKey) },
        {
          subject: 'police.kepri.arrest.recorded',
        },
      ),
    ]);
    expect(verdicts.map((v) => ('rejected' in v ? v.error.code : 'admitted'))).toEqual([
      BusErrorCode.SIGNATURE_MISSING,
      BusErrorCode.SIGNATURE_INVALID,
      BusErrorCode.KEY_NOT_AUTHORIZED,
      BusErrorCode.SUBJECT_MISMATCH,
    ]);
  });

  it('verifies inline when the verifier pool fails', async () => {
    const broken = { verify: () => Promise.reject(new Error('worker exited')) } as unknown as VerifierPool;
    const { a, stats } = admitter(broken);
    const [verdict] = await a.admit([signed(canonicalBytes(arrestEvent()))]);
    expect('admitted' in verdict!).toBe(true);
    expect(stats.verifierFallbacks).toBe(1);
  });
});

function settler(publish: () => Promise<unknown>) {
  const published: string[] = [];
  const js = {
    publish: async (subject: string) => {
      await publish();
      published.push(subject);
      return { seq: 1, duplicate: false };
    },
  } as unknown as JetStreamClient;
  const s = new Settler({
    js: () => js,
    durable: 'ministry-police',
    maxAttempts: 4,
    ackWaitMs: 300,
    retryDelaysMs: [100],
    logger: silentLogger,
    deadLetterRetryInitialMs: 1,
    deadLetterRetryMaxMs: 5,
  });
  return { s, published };
}

const admitted = (
  msg: JsMsg,
  poison: Admitted['handlers'][number]['poison'] = [],
  attempt = msg.info.deliveryCount,
): Admitted => ({
  msg,
  event: arrestEvent(),
  handlers: collectHandlers(new Handlers()).map((h) => ({ ...h, poison })),
  delivery: {} as Admitted['delivery'],
  attempt,
});

describe('Settler', () => {
  it('settles a message once', () => {
    const { s } = settler(() => Promise.resolve());
    const msg = fakeMsg(new Uint8Array(), {});
    s.ack(msg);
    s.ack(msg);
    s.release(msg);
    expect(msg.settled).toEqual(['ack']);
    expect(s.isSettled(msg)).toBe(true);
  });

  it("naks a retry whatever the delivery count: only the runner's own attempt count exhausts", () => {
    const { s, published } = settler(() => Promise.resolve());
    const early = fakeMsg(new Uint8Array(), {}, { deliveryCount: 2 });
    const manyDeliveries = fakeMsg(new Uint8Array(), {}, { deliveryCount: 56 });
    s.retry(early, 50);
    s.retry(manyDeliveries, 50);
    s.retry(early, 70);
    expect(early.settled).toEqual(['nak 50']);
    expect(manyDeliveries.settled).toEqual(['nak 50']);
    expect(published).toEqual([]);
  });

  it('decides the last attempt by the attempt count, not by deliveries no handler saw', async () => {
    const { s, published } = settler(() => Promise.resolve());
    // 40 deliveries went to an instance that was killed; this is only the second real attempt.
    const afterKill = fakeMsg(new Uint8Array(), {}, { deliveryCount: 40 });
    await s.failed(admitted(afterKill, [], 2), new Error('down'));
    expect(afterKill.settled).toEqual([expect.stringMatching(/^nak \d+$/)]);
    expect(published).toEqual([]);
    expect(s.stats).toMatchObject({ retried: 1, deadLettered: 0 });
  });

  it('decides a failure: poison and the last attempt are dead-lettered, else a delayed nak', async () => {
    class CaseClosed extends Error {}
    const { s, published } = settler(() => Promise.resolve());
    const declared = fakeMsg(new Uint8Array(), {});
    await s.failed(admitted(declared, [CaseClosed]), new CaseClosed('closed'));
    const thrown = fakeMsg(new Uint8Array(), {});
    await s.failed(admitted(thrown), new PoisonMessageError('MINISTRY.X', 'no'));
    const later = fakeMsg(new Uint8Array(), {});
    await s.failed(admitted(later), new RetryLaterError('X.BUSY', 'busy', 42));
    const lastAttempt = fakeMsg(new Uint8Array(), {}, { deliveryCount: 4 });
    await s.failed(admitted(lastAttempt), new Error('down'));
    expect([declared, thrown, later, lastAttempt].map((m) => m.settled)).toEqual([
      ['term'],
      ['term'],
      ['nak 42'],
      ['term'],
    ]);
    expect(published).toHaveLength(3);
    expect(s.stats).toMatchObject({ retried: 1, deadLettered: 3 });
  });

  it('holds a message whose dead letter fails (no nak, no term) until the dead letter is stored', async () => {
    let refusals = 3;
    const { s, published } = settler(() =>
      refusals-- > 0 ? Promise.reject(new Error('no responders')) : Promise.resolve(),
    );
    const msg = fakeMsg(new Uint8Array(), {}, { deliveryCount: 5 });
    await s.deadLetter(msg, { code: BusErrorCode.RETRIES_EXHAUSTED, name: 'BusError', message: 'x' });
    expect(msg.settled).toEqual([]);
    expect(s.deadLettersPending).toBe(1);
    await waitFor(() => msg.settled.includes('term'), { description: 'stored after the refusals' });
    expect(published).toEqual(['deadletter.ministry-police']);
    expect(s.stats.deadLetterFailures).toBe(3);
    await waitFor(() => s.deadLettersPending === 0);
  });

  it('keeps holding when working() throws (a closed connection), and stores the dead letter later', async () => {
    let allow = false;
    const { s } = settler(() => (allow ? Promise.resolve() : Promise.reject(new Error('no responders'))));
    const msg = fakeMsg(new Uint8Array(), {}, { deliveryCount: 5 });
    msg.working = () => {
      msg.workingCalls++;
      throw new Error('connection closed');
    };
    await s.deadLetter(msg, { code: BusErrorCode.RETRIES_EXHAUSTED, name: 'BusError', message: 'x' });
    await waitFor(() => msg.workingCalls >= 2, { description: 'keep-alive ticks' });
    allow = true;
    await waitFor(() => msg.settled.includes('term'), { description: 'stored' });
  });

  it('counts a dead letter as stored when term() throws (connection closed after the publish), rejecting nothing', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      let refusals = 1;
      const { s, published } = settler(() =>
        refusals-- > 0 ? Promise.reject(new Error('no responders')) : Promise.resolve(),
      );
      const closed = (m: FakeMsg): FakeMsg => {
        m.term = () => {
          m.settled.push('term threw');
          throw new Error('connection closed');
        };
        return m;
      };
      const error = { code: BusErrorCode.RETRIES_EXHAUSTED, name: 'BusError', message: 'x' };
      // Stored at once: the caller's promise resolves.
      const direct = closed(fakeMsg(new Uint8Array(), {}, { deliveryCount: 5 }));
      await expect(s.deadLetter(direct, error)).resolves.toBeUndefined();
      // Stored while held: the background hold ends without a rejection nobody awaits.
      const held = closed(fakeMsg(new Uint8Array(), {}, { deliveryCount: 5 }));
      await s.deadLetter(held, error);
      await waitFor(() => held.settled.includes('term threw'), { description: 'stored after the refusal' });
      await waitFor(() => s.deadLettersPending === 0, { description: 'hold over' });
      // Unhandled rejections are reported after the microtask queue drains: let one macrotask pass.
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(published).toEqual(['deadletter.ministry-police', 'deadletter.ministry-police']);
      expect(s.stats).toMatchObject({ deadLettered: 2, deadLetterFailures: 1 });
      await expect(s.stop()).resolves.toBeUndefined();
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('on stop, hands every held message back with a delay, past the last attempt too (max_deliver is unlimited)', async () => {
    const { s } = settler(() => Promise.reject(new Error('no responders')));
    const error = { code: BusErrorCode.HANDLER_POISON, name: 'BusError', message: 'x' };
    const early = fakeMsg(new Uint8Array(), {}, { deliveryCount: 1 });
    const last = fakeMsg(new Uint8Array(), {}, { deliveryCount: 5 });
    await s.deadLetter(early, error);
    await s.deadLetter(last, error);
    await s.stop();
    expect(early.settled).toEqual([expect.stringMatching(/^nak [1-9]\d*$/)]);
    expect(last.settled).toEqual([expect.stringMatching(/^nak [1-9]\d*$/)]);
    expect(s.deadLettersPending).toBe(0);
  });
});
