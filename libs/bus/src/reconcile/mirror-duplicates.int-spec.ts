// nats-server 2.9.10 trap (seen in the fault suite: a leaf site's MINISTRY mirror stopped for
// good): a mirror or a source checks the msg ids it copies against its own recent ids, so when its
// origin holds one Nats-Msg-Id at two sequences (the same event published again after the origin's
// duplicate window) and both copies arrive close together, as when catching up, it refuses the
// second and stalls on a sequence mismatch. No setting avoids it: a window must be >= 100 ms, and a
// mirror's 0 still keeps ids for the 50 ms of its purge timer (measured: stalls, depending on
// timing). Fixed upstream in 2026 (nats-server #8043). So the origin must never hold one msg id
// twice: the reconciler's republish carries a msg id of its own (republishMsgId). Real nats-server.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { republishMsgId } from '../relay/publish-row.js';
import { startNatsServer, type TestNatsServer } from '../testing/nats-server.js';
import { waitFor } from '../testing/wait-for.js';

jest.setTimeout(60_000);

let server: TestNatsServer;
let nc: NatsConnection;
let jsm: JetStreamManager;
const MS = 1_000_000;

/** An origin that holds `copies` twice each: first under `first`'s id, later under `second(id)`. */
async function originWithSecondCopies(name: string, second: (id: string) => string): Promise<void> {
  await jsm.streams.add({ name, subjects: [`${name}.>`], duplicate_window: 500 * MS });
  const js = jsm.jetstream();
  const publish = (id: string) => {
    const h = headers();
    h.set('Nats-Msg-Id', id);
    return js.publish(`${name}.watchlist.entry.issued`, `copy of ${id}`, { headers: h });
  };
  for (let i = 1; i <= 20; i++) await publish(`event-${i}`);
  await new Promise((resolve) => setTimeout(resolve, 800)); // past the origin's window
  for (let i = 1; i <= 5; i++) await publish(second(`event-${i}`));
  for (let i = 21; i <= 40; i++) await publish(`event-${i}`);
  expect((await jsm.streams.info(name)).state.messages).toBe(45);
}

const stored = async (stream: string) => (await jsm.streams.info(stream)).state.messages;

beforeAll(async () => {
  server = await startNatsServer();
  nc = await connect({ servers: server.url });
  jsm = await jetstreamManager(nc);
});

afterAll(async () => {
  await nc?.close();
  await server?.stop();
});

it('a mirror with a duplicate window and a source stall for good at a second copy under one msg id (the trap)', async () => {
  await originWithSecondCopies('SAMEID', (id) => id);
  // The window the hub streams have, which a mirror provisioned from their definition would copy.
  await jsm.streams.add({
    name: 'SAMEID_MIRROR',
    mirror: { name: 'SAMEID' },
    duplicate_window: 120_000 * MS,
  });
  await jsm.streams.add({ name: 'SAMEID_SOURCED', sources: [{ name: 'SAMEID' }] });
  // A control beside it, on the same server at the same time: the same messages under ids of their
  // own. Once the control has copied all 45, the trap's mirror and source have had every chance to.
  await originWithSecondCopies('CONTROL', (id) => republishMsgId(id, 1));
  await jsm.streams.add({
    name: 'CONTROL_MIRROR',
    mirror: { name: 'CONTROL' },
    duplicate_window: 120_000 * MS,
  });
  await jsm.streams.add({ name: 'CONTROL_SOURCED', sources: [{ name: 'CONTROL' }] });
  await waitFor(
    async () =>
      (await stored('SAMEID_MIRROR')) >= 20 &&
      (await stored('SAMEID_SOURCED')) >= 20 &&
      (await stored('CONTROL_MIRROR')) === 45 &&
      (await stored('CONTROL_SOURCED')) === 45,
    { description: "the trap's first copies and all of the control's" },
  );
  expect(await stored('SAMEID_MIRROR')).toBe(20);
  expect(await stored('SAMEID_SOURCED')).toBe(20);
  expect((await jsm.streams.info('SAMEID_MIRROR')).mirror?.lag).toBeGreaterThan(0);
});

it("with the reconciler's republish ids, a mirror and a source copy every message", async () => {
  await originWithSecondCopies('OWNID', (id) => republishMsgId(id, 1));
  await jsm.streams.add({ name: 'OWNID_MIRROR', mirror: { name: 'OWNID' }, duplicate_window: 120_000 * MS });
  await jsm.streams.add({ name: 'OWNID_SOURCED', sources: [{ name: 'OWNID' }] });
  await waitFor(async () => (await stored('OWNID_MIRROR')) === 45 && (await stored('OWNID_SOURCED')) === 45, {
    description: 'all 45 copied by both',
  });
});
