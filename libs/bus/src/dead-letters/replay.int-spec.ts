// Dead-letter replay against a real nats-server: a dead letter is written by whoever reads a
// durable, so replay must publish only what the body proves (a parsed, verified event, to the
// subject derived from it) and report everything else. And DEAD_LETTERS itself: a cap per
// consumer, room for anything a source stream accepts.
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { BusConnection } from '../connection/bus-connection.js';
import { silentLogger } from '../logger.js';
import { INBOX_RETENTION_MS } from '../outbox/inbox-retention.js';
import { provisionTopology, streamConfig } from '../provisioning/provision.js';
import { MAX_MSG_SIZE, simpulStreams } from '../provisioning/topology.js';
import { canonicalBytes } from '../signing/canonical.js';
import { signBytes } from '../signing/keys.js';
import { arrestEvent } from '../testing/fixtures.js';
import { createTestKeys, type TestKeys } from '../testing/keys.js';
import { startNatsServer, type TestNatsServer } from '../testing/nats-server.js';
import { listDeadLetters, replayDeadLetters } from './dead-letters.js';

jest.setTimeout(30_000);

let nats: TestNatsServer;
let bus: BusConnection;
let keys: TestKeys;

beforeAll(async () => {
  nats = await startNatsServer({ jetstream: true });
  bus = await BusConnection.connect({ servers: nats.url, name: 'replay-test', logger: silentLogger });
  keys = await createTestKeys([
    { unit: 'polda:riau', source: '/polri/polda/riau' },
    { unit: 'checkpoint:batam-center', source: '/imigrasi/tpi/batam-center' },
  ]);
});

afterAll(async () => {
  await bus?.drain();
  await nats?.stop();
});

beforeEach(async () => {
  // Fresh streams for every test: nothing a previous test stored or deleted carries over.
  for (const name of await bus.jsm.streams.names().next()) await bus.jsm.streams.delete(name);
  await provisionTopology(bus.jsm, bus.serverVersion(), { streams: simpulStreams(), consumers: [] });
});

/** Headers as a checkpoint's consumer would write them; `extra` overrides any of them. */
function letterHeaders(extra: Record<string, string>): MsgHdrs {
  const h = natsHeaders();
  const all = {
    'Simpul-DL-Error-Code': 'BUS.HANDLER_POISON',
    'Simpul-DL-Error': 'poison',
    'Simpul-DL-Stream': 'POLICE',
    'Simpul-DL-Sequence': '1',
    'Simpul-DL-Deliveries': '1',
    ...extra,
  };
  for (const [k, v] of Object.entries(all)) h.set(k, v);
  return h;
}

/** A genuine arrest event's body and signature headers, signed by Polda Riau's key. */
function signedArrest(): { id: string; body: Uint8Array; headers: Record<string, string> } {
  const event = arrestEvent({ polda: 'riau' });
  const body = canonicalBytes(event);
  const key = keys.keyRing.keyFor('/polri/polda/riau')!;
  return {
    id: event.id,
    body,
    headers: { 'Simpul-Signature': signBytes(body, key.privateKey), 'Simpul-Key': key.keyId },
  };
}

/** Stores a dead letter on `deadletter.<durable>`, exactly as anyone reading that durable can. */
async function storeLetter(
  durable: string,
  body: Uint8Array,
  headers: Record<string, string>,
): Promise<number> {
  const ack = await bus.js.publish(`deadletter.${durable}`, body, { headers: letterHeaders(headers) });
  return ack.seq;
}

async function streamExists(name: string): Promise<boolean> {
  return bus.jsm.streams
    .info(name)
    .then(() => true)
    .catch(() => false);
}

describe('replay --all', () => {
  it('never publishes to the subject a dead letter names: the $JS.API.STREAM.DELETE.POLICE letter is refused and kept, POLICE survives', async () => {
    const genuine = signedArrest();
    await bus.js.publish('police.riau.arrest.recorded', genuine.body, { msgID: genuine.id });
    const hostileSeq = await storeLetter('police-immigration-matches', new TextEncoder().encode('{}'), {
      'Simpul-DL-Subject': '$JS.API.STREAM.DELETE.POLICE',
      'Simpul-DL-Consumer': 'ministry-police',
    });

    const results = await replayDeadLetters(bus, 'all', { registry: keys.registry });

    expect(await streamExists('POLICE')).toBe(true);
    expect((await bus.jsm.streams.info('POLICE')).state.messages).toBe(1);
    expect(results).toEqual([
      expect.objectContaining({
        seq: hostileSeq,
        outcome: 'refused',
        refusal: expect.objectContaining({ code: 'BUS.EVENT_INVALID' }),
      }),
    ]);
    const kept = await listDeadLetters(bus.jsm);
    expect(kept.map((l) => l.seq)).toEqual([hostileSeq]);
    // Whose letter it is comes from the subject only that durable's reader may publish on, not a header.
    expect(kept[0]!.consumer).toBe('police-immigration-matches');
  });

  it('replays a genuine letter to the subject derived from its body, whatever subject the letter claims', async () => {
    const genuine = signedArrest();
    const claimsApi = signedArrest();
    await storeLetter('ministry-police', genuine.body, {
      ...genuine.headers,
      'Simpul-DL-Subject': 'police.riau.arrest.recorded',
    });
    await storeLetter('ministry-police', claimsApi.body, {
      ...claimsApi.headers,
      'Simpul-DL-Subject': '$JS.API.STREAM.DELETE.POLICE',
    });

    const results = await replayDeadLetters(bus, 'all', { registry: keys.registry });

    expect(results.map((r) => [r.eventId, r.outcome, r.subject])).toEqual([
      [genuine.id, 'replayed', 'police.riau.arrest.recorded'],
      [claimsApi.id, 'replayed', 'police.riau.arrest.recorded'],
    ]);
    const police = await bus.jsm.streams.info('POLICE');
    expect(police.state.messages).toBe(2);
    const stored = await bus.jsm.streams.getMessage('POLICE', {
      last_by_subj: 'police.riau.arrest.recorded',
    });
    expect(Buffer.from(stored!.data).equals(Buffer.from(claimsApi.body))).toBe(true);
    expect(stored!.header.get('Simpul-Signature')).toBe(claimsApi.headers['Simpul-Signature']);
    expect(stored!.header.get('Simpul-DL-Subject')).toBe('');
    expect(await listDeadLetters(bus.jsm)).toEqual([]);
  });

  it('refuses, with the reason, bodies whose signature does not verify or whose source may not sign them, and keeps them', async () => {
    const forged = signedArrest();
    const other = signedArrest();
    // A real signature, but over another body.
    const forgedSeq = await storeLetter('ministry-police', forged.body, {
      ...other.headers,
      'Simpul-DL-Subject': 'police.riau.arrest.recorded',
    });
    // A checkpoint's real key signing a Polda's event.
    const checkpoint = keys.keyRing.keyFor('/imigrasi/tpi/batam-center')!;
    const impostor = signedArrest();
    const impostorSeq = await storeLetter('police-immigration-matches', impostor.body, {
      'Simpul-Signature': signBytes(impostor.body, checkpoint.privateKey),
      'Simpul-Key': checkpoint.keyId,
    });
    const unsigned = signedArrest();
    const unsignedSeq = await storeLetter('police-immigration-matches', unsigned.body, {});

    const results = await replayDeadLetters(bus, 'all', { registry: keys.registry });

    expect(results.map((r) => [r.seq, r.outcome, r.refusal?.code])).toEqual([
      [forgedSeq, 'refused', 'BUS.SIGNATURE_INVALID'],
      [impostorSeq, 'refused', 'BUS.KEY_NOT_AUTHORIZED'],
      [unsignedSeq, 'refused', 'BUS.SIGNATURE_MISSING'],
    ]);
    expect((await bus.jsm.streams.info('POLICE')).state.messages).toBe(0);
    expect((await listDeadLetters(bus.jsm)).map((l) => l.seq)).toEqual([forgedSeq, impostorSeq, unsignedSeq]);
  });

  it('refuses an event older than the inbox retention: its inbox rows may be gone, it could apply twice', async () => {
    const genuine = signedArrest();
    const seq = await storeLetter('ministry-police', genuine.body, genuine.headers);
    const later = Date.now() + INBOX_RETENTION_MS;

    const [result] = await replayDeadLetters(bus, 'all', { registry: keys.registry, now: () => later });

    expect(result).toMatchObject({ seq, outcome: 'refused', refusal: { code: 'BUS.REPLAY_TOO_OLD' } });
    expect((await bus.jsm.streams.info('POLICE')).state.messages).toBe(0);
    expect((await listDeadLetters(bus.jsm)).map((l) => l.seq)).toEqual([seq]);
  });
});

describe('DEAD_LETTERS', () => {
  it("keeps a cap per consumer: one durable's flood pushes out only its own oldest letters", async () => {
    const dl = simpulStreams().find((s) => s.name === 'DEAD_LETTERS')!;
    // The provisioned stream, then the same shape with a small cap so the test floods quickly.
    expect((await bus.jsm.streams.info('DEAD_LETTERS')).config.max_msgs_per_subject).toBe(
      dl.maxMsgsPerSubject,
    );
    await bus.jsm.streams.update(
      'DEAD_LETTERS',
      streamConfig({ ...dl, maxMsgsPerSubject: 5 }, bus.serverVersion()),
    );
    const genuine = signedArrest();
    const keptSeq = await storeLetter('ministry-police', genuine.body, genuine.headers);
    const junk = new TextEncoder().encode('junk');
    await Promise.all(
      Array.from({ length: 50 }, () => bus.js.publish('deadletter.police-immigration-matches', junk)),
    );

    const letters = await listDeadLetters(bus.jsm);
    expect(letters.filter((l) => l.consumer === 'ministry-police').map((l) => l.seq)).toEqual([keptSeq]);
    expect(letters.filter((l) => l.consumer === 'police-immigration-matches')).toHaveLength(5);
  });

  it('accepts a dead letter of the largest message a source stream accepts', async () => {
    const body = Buffer.alloc(MAX_MSG_SIZE - 512, 'x');
    const original = await bus.js.publish('police.riau.arrest.recorded', body);
    expect(original.seq).toBe(1);
    const seq = await storeLetter('ministry-police', body, {
      'Simpul-DL-Error': 'e'.repeat(1000),
      'Simpul-DL-Subject': 'police.riau.arrest.recorded',
    });
    expect((await listDeadLetters(bus.jsm)).map((l) => l.seq)).toEqual([seq]);
  });
});
