// Provisioning against a real nats-server: a durable created by an earlier release (with a finite
// `max_deliver`) is updated in place to the unlimited one, keeping its position and its
// unacknowledged messages.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { BusConnection } from '../connection/bus-connection.js';
import { silentLogger } from '../logger.js';
import { startNatsServer, type TestNatsServer } from '../testing/nats-server.js';
import { provisionTopology } from './provision.js';
import { simpulConsumers, simpulStreams } from './topology.js';

let nats: TestNatsServer;
let connection: BusConnection;

beforeAll(async () => {
  nats = await startNatsServer({ jetstream: true });
  connection = await BusConnection.connect({ servers: nats.url, name: 'provision', logger: silentLogger });
});

afterAll(async () => {
  await connection?.drain().catch(() => undefined);
  await nats?.stop();
});

it('updates an existing durable with a finite max_deliver to unlimited, in place', async () => {
  const { jsm, js } = connection;
  const streams = simpulStreams().filter((s) => s.name === 'POLICE');
  const definition = simpulConsumers(['local']).find((c) => c.durable === 'ministry-police')!;
  await provisionTopology(jsm, connection.serverVersion(), { streams, consumers: [] });
  // What provisioning used to create: max_deliver = attempts + 1.
  await jsm.consumers.add('POLICE', {
    durable_name: definition.durable,
    filter_subject: definition.filterSubject,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(definition.ackWaitMs),
    max_deliver: definition.maxAttempts + 1,
    max_ack_pending: definition.maxAckPending,
    max_waiting: 512,
  });
  await js.publish('police.riau.arrest.recorded', new Uint8Array([1]));
  await js.publish('police.riau.arrest.recorded', new Uint8Array([2]));
  const first = await (await js.consumers.get('POLICE', definition.durable)).next({ expires: 5000 });
  expect(first?.info.streamSequence).toBe(1);
  first!.ack();
  const second = await (await js.consumers.get('POLICE', definition.durable)).next({ expires: 5000 });
  expect(second?.info.streamSequence).toBe(2); // left un-acked

  const report = await provisionTopology(jsm, connection.serverVersion(), {
    streams,
    consumers: [definition],
  });

  expect(report.consumers).toEqual([{ stream: 'POLICE', durable: 'ministry-police', action: 'updated' }]);
  const info = await jsm.consumers.info('POLICE', definition.durable);
  expect(info.config.max_deliver).toBe(-1);
  expect(info.delivered.stream_seq).toBe(2);
  expect(info.ack_floor.stream_seq).toBe(1);
  expect(info.num_ack_pending).toBe(1);
  const again = await provisionTopology(jsm, connection.serverVersion(), {
    streams,
    consumers: [definition],
  });
  expect(again.consumers[0]!.action).toBe('unchanged');
});
