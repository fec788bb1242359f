// The bus's operator commands against this file's own nats-server: `simpul streams provision`
// (idempotent, updates drift, refuses what cannot change in place), `simpul deadletters list|replay`
// and `simpul tail`.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { BusConnection, canonicalBytes, publishDeadLetter, signBytes, silentLogger } from '@simpul/bus';
import {
  arrestEvent,
  createTestKeys,
  publishSignedEvent,
  startNatsServer,
  waitFor,
  type TestKeys,
  type TestNatsServer,
} from '@simpul/bus/testing';
import { headers as natsHeaders, nanos } from '@nats-io/transport-node';
import { run as deadletters } from './deadletters.command.js';
import { run as streams } from './streams.command.js';
import { run as tail } from './tail.command.js';

jest.setTimeout(30_000);

let nats: TestNatsServer;
let keys: TestKeys;
let probe: BusConnection;
const saved = { NATS_URL: process.env.NATS_URL, SIMPUL_KEY_REGISTRY: process.env.SIMPUL_KEY_REGISTRY };
let out: string[] = [];
let err: string[] = [];

beforeAll(async () => {
  nats = await startNatsServer({ jetstream: true });
  keys = await createTestKeys([{ unit: 'polda:riau', source: '/polri/polda/riau' }]);
  process.env.NATS_URL = nats.url;
  process.env.SIMPUL_KEY_REGISTRY = keys.registryFile;
  probe = await BusConnection.connect({ servers: nats.url, name: 'cli-test-probe', logger: silentLogger });
});

afterAll(async () => {
  process.env.NATS_URL = saved.NATS_URL;
  process.env.SIMPUL_KEY_REGISTRY = saved.SIMPUL_KEY_REGISTRY;
  if (saved.NATS_URL === undefined) delete process.env.NATS_URL;
  if (saved.SIMPUL_KEY_REGISTRY === undefined) delete process.env.SIMPUL_KEY_REGISTRY;
  await probe?.drain();
  await nats?.stop();
});

beforeEach(() => {
  out = [];
  err = [];
  jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('simpul streams provision', () => {
  it('creates everything once, then changes nothing', async () => {
    expect(await streams(['provision', '--site', 'batam-center', '--json'])).toBe(0);
    const first = JSON.parse(out.at(-1)!) as {
      streams: { action: string }[];
      consumers: { durable: string; action: string }[];
    };
    expect(first.streams.map((s) => s.action)).toEqual(['created', 'created', 'created', 'created']);
    expect(first.consumers.map((c) => c.durable)).toContain('immigration-batam-center-watchlist');
    expect(first.consumers.every((c) => c.action === 'created')).toBe(true);

    expect(await streams(['provision', '--site', 'batam-center', '--json'])).toBe(0);
    const second = JSON.parse(out.at(-1)!) as typeof first;
    expect([...second.streams, ...second.consumers].every((x) => x.action === 'unchanged')).toBe(true);
  });

  it('puts back a setting that drifted', async () => {
    const info = await probe.jsm.consumers.info('POLICE', 'ministry-police');
    await probe.jsm.consumers.update('POLICE', 'ministry-police', { ...info.config, ack_wait: nanos(1000) });
    expect(await streams(['provision', '--json'])).toBe(0);
    const report = JSON.parse(out.at(-1)!) as { consumers: { durable: string; action: string }[] };
    expect(report.consumers.find((c) => c.durable === 'ministry-police')?.action).toBe('updated');
    expect((await probe.jsm.consumers.info('POLICE', 'ministry-police')).config.ack_wait).toBe(nanos(30_000));
  });

  it('refuses to change a stream in place when the storage differs (exit 1, nothing deleted)', async () => {
    await probe.jsm.streams.delete('MINISTRY');
    await probe.jsm.streams.add({ name: 'MINISTRY', subjects: ['ministry.>'], storage: 'memory' as never });
    expect(await streams(['provision'])).toBe(1);
    expect(err.join('\n')).toContain('BUS.PROVISION_CONFLICT');
    expect((await probe.jsm.streams.info('MINISTRY')).config.storage).toBe('memory');
    await probe.jsm.streams.delete('MINISTRY');
    expect(await streams(['provision'])).toBe(0);
  });

  it('rejects bad usage with exit 2', async () => {
    expect(await streams([])).toBe(2);
    expect(await streams(['provision', '--replicas', 'x'])).toBe(2);
  });
});

describe('simpul deadletters', () => {
  it('lists dead letters and replays one unchanged to its original subject', async () => {
    const event = arrestEvent();
    const body = canonicalBytes(event);
    const riau = keys.keyRing.keyFor('/polri/polda/riau')!;
    const signature = signBytes(body, riau.privateKey);
    const original = natsHeaders();
    original.set('Simpul-Key', riau.keyId);
    original.set('Simpul-Signature', signature);
    original.set('Nats-Msg-Id', event.id);
    await publishDeadLetter(
      probe.js,
      'ministry-police',
      {
        subject: 'police.riau.arrest.recorded',
        data: body,
        headers: original,
        info: { stream: 'POLICE', streamSequence: 7, deliveryCount: 1 } as never,
      },
      { code: 'BUS.SIGNATURE_INVALID', name: 'BusError', message: 'signature does not match' },
    );

    expect(await deadletters(['list', '--json'])).toBe(0);
    const listed = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(listed).toEqual([
      expect.objectContaining({
        eventId: event.id,
        errorCode: 'BUS.SIGNATURE_INVALID',
        consumer: 'ministry-police',
      }),
    ]);
    expect(out.join('\n')).not.toContain(event.data.suspects[0]!.person.fullName);

    out = [];
    expect(await deadletters(['list'])).toBe(0);
    expect(out.join('\n')).toContain('BUS.SIGNATURE_INVALID');

    const sub = probe.nc.subscribe('police.riau.arrest.recorded', { max: 1 });
    await probe.nc.flush();
    expect(await deadletters(['replay', event.id])).toBe(0);
    for await (const m of sub) {
      expect(Buffer.from(m.data).equals(body)).toBe(true);
      expect(m.headers?.get('Simpul-Signature')).toBe(signature);
      expect(m.headers?.get('Simpul-DL-Error-Code')).toBe('');
    }
    out = [];
    expect(await deadletters(['list'])).toBe(0);
    expect(out).toEqual(['no dead letters']);
    expect(await deadletters(['replay', event.id])).toBe(1);
    expect(err.join('\n')).toContain('BUS.DEAD_LETTER_NOT_FOUND');
  });

  it('replay --all reports a letter that names $JS.API.STREAM.DELETE.POLICE, keeps it, and POLICE stays (exit 1)', async () => {
    const hostile = natsHeaders();
    hostile.set('Simpul-DL-Subject', '$JS.API.STREAM.DELETE.POLICE');
    const { seq } = await probe.js.publish('deadletter.ministry-police', new TextEncoder().encode('{}'), {
      headers: hostile,
    });
    expect(await deadletters(['replay', '--all'])).toBe(1);
    expect(out.join('\n')).toContain(`refused\tseq ${seq}`);
    expect(out.join('\n')).toContain('BUS.EVENT_INVALID');
    expect((await probe.jsm.streams.info('POLICE')).config.name).toBe('POLICE');
    out = [];
    expect(await deadletters(['list', '--json'])).toBe(0);
    expect(out.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([seq]);
    await probe.jsm.streams.deleteMessage('DEAD_LETTERS', seq);
  });

  it('rejects bad usage with exit 2', async () => {
    expect(await deadletters([])).toBe(2);
    expect(await deadletters(['replay'])).toBe(2);
    expect(await deadletters(['replay', '--all', 'x'])).toBe(2);
    expect(await deadletters(['list', '--bogus'])).toBe(2);
  });
});

describe('simpul tail', () => {
  it('prints live events with their signature status', async () => {
    const riau = keys.keyRing.keyFor('/polri/polda/riau')!;
    const done = tail(['police.>', '--count', '2', '--json']);
    // The command subscribes after connecting: keep publishing a signed and an unsigned event until it has seen two.
    const signed = arrestEvent();
    const unsigned = arrestEvent();
    await waitFor(
      async () => {
        await publishSignedEvent(probe.js, signed, riau, { msgId: `${signed.id}.${Date.now()}` });
        await probe.js.publish('police.riau.arrest.recorded', canonicalBytes(unsigned), {
          msgID: `${unsigned.id}.${Date.now()}`,
        });
        return out.length >= 2;
      },
      { intervalMs: 100 },
    );
    expect(await done).toBe(0);
    const lines = out.map((l) => JSON.parse(l) as { signature: string; event: { id: string } });
    expect(lines.find((l) => l.event.id === signed.id)?.signature).toBe('valid');
    expect(lines.find((l) => l.event.id === unsigned.id)?.signature).toBe('unsigned');
  });

  it('rejects bad usage with exit 2', async () => {
    expect(await tail([])).toBe(2);
    expect(await tail(['police.>', '--count'])).toBe(2);
  });
});
