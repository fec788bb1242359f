// The runner's own wiring without NATS or a database: the keep-alive of a batch in progress.
import { expect, it } from '@jest/globals';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import type { BusConnection } from '../connection/bus-connection.js';
import { silentLogger } from '../logger.js';
import { simpulConsumers } from '../provisioning/topology.js';
import { StaticKeyRegistry } from '../signing/registry.js';
import { waitFor } from '../testing/wait-for.js';
import { ConsumerRunner } from './consumer-runner.js';

it('keeps a batch alive when working() throws (a closed connection) and still settles it', async () => {
  // The dead letter of the unsigned message waits until released: the batch stays in progress.
  let release!: () => void;
  const stored = new Promise<void>((resolve) => (release = resolve));
  const js = {
    publish: async () => {
      await stored;
      return { seq: 1, duplicate: false };
    },
  } as unknown as JetStreamClient;
  const settled: string[] = [];
  let workingCalls = 0;
  const msg = {
    subject: 'police.riau.arrest.recorded',
    data: new TextEncoder().encode('{}'),
    headers: natsHeaders(),
    info: { stream: 'POLICE', streamSequence: 3, deliveryCount: 1 },
    ack: () => settled.push('ack'),
    nak: () => settled.push('nak'),
    term: () => settled.push('term'),
    working: () => {
      workingCalls++;
      throw new Error('connection closed');
    },
  } as unknown as JsMsg;
  const consumer = simpulConsumers(['local'], { consumer: { ackWaitMs: 300 } }).find(
    (c) => c.durable === 'ministry-police',
  )!;
  const runner = new ConsumerRunner({
    connection: { js } as unknown as BusConnection,
    dataSource: {} as DataSource,
    keys: new StaticKeyRegistry([]),
    consumer,
    handlers: [],
    logger: silentLogger,
  });

  const batch = runner.processBatch([msg]);
  // A throw from the timer would be an uncaught exception and fail this test.
  await waitFor(() => workingCalls >= 2, { description: 'keep-alive ticks' });
  release();
  await batch;
  expect(settled).toEqual(['term']);
});
