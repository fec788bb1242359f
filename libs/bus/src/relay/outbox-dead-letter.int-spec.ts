// The outbox's dead-letter path against a real nats-server and PostgreSQL: rows that can never
// publish (a subject no stream takes) back off on their own, are set aside as `failed` after the
// attempt limit with their error, and never hold back newer rows; retry and drop work.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { BusConnection } from '../connection/bus-connection.js';
import type { BusLogger } from '../logger.js';
import { appendToOutbox } from '../outbox/append.js';
import { dropOutbox, listOutbox, retryOutbox, type OutboxQuery } from '../outbox/outbox-admin.js';
import { provisionTopology } from '../provisioning/provision.js';
import { simpulStreams } from '../provisioning/topology.js';
import { createTestDatabase, type TestDatabase } from '../testing/database.js';
import { createTestDataSource } from '../testing/data-source.js';
import { arrestEvent } from '../testing/fixtures.js';
import { createTestKeys, type TestKeys } from '../testing/keys.js';
import { startNatsServer, type TestNatsServer } from '../testing/nats-server.js';
import { waitFor } from '../testing/wait-for.js';
import { OutboxRelay } from './outbox-relay.js';
import { outboxMetrics } from './outbox-metrics.js';

jest.setTimeout(30_000);

let nats: TestNatsServer;
let db: TestDatabase;
let dataSource: DataSource;
let keys: TestKeys;
let probe: BusConnection;
let connection: BusConnection;
const logged: string[] = [];
const logger: BusLogger = {
  log: (m) => void logged.push(m),
  warn: (m) => void logged.push(m),
  error: (m) => void logged.push(m),
};
// TypeORM answers UPDATE/DELETE … RETURNING with [rows, count]; the operator functions take rows.
const query: OutboxQuery = async (sql, params) => {
  const result = (await dataSource.query(sql, params)) as unknown[];
  return (Array.isArray(result[0]) ? result[0] : result) as Record<string, unknown>[];
};

beforeAll(async () => {
  nats = await startNatsServer({ jetstream: true });
  db = await createTestDatabase('outbox_dl');
  dataSource = await createTestDataSource(db.url);
  keys = await createTestKeys([{ unit: 'polda:riau', source: '/polri/polda/riau' }]);
  probe = await BusConnection.connect({ servers: nats.url, name: 'outbox-probe', logger });
  connection = await BusConnection.connect({ servers: nats.url, name: 'outbox-relay', logger });
  await provisionTopology(probe.jsm, probe.serverVersion(), { streams: simpulStreams(), consumers: [] });
});

afterAll(async () => {
  await connection?.drain();
  await probe?.drain();
  await dataSource?.destroy();
  await db?.drop();
  await nats?.stop();
});

describe('outbox dead-letter path', () => {
  it('publishes 50 good rows behind a batch of rows no stream takes, sets those aside as failed, and retry/drop them', async () => {
    const batchSize = 5;
    // As many unpublishable rows as a batch holds, oldest first: claimed oldest-first every round,
    // they used to fill every batch, and no newer row ever left.
    const bad = Array.from({ length: batchSize }, () => arrestEvent({ polda: 'riau' }));
    await dataSource.transaction(async (manager) => {
      for (const e of bad) await appendToOutbox(manager, e, { subject: 'nowhere.riau.arrest.recorded' });
    });
    const good = Array.from({ length: 50 }, () => arrestEvent({ polda: 'riau' }));
    await dataSource.transaction(async (manager) => {
      for (const e of good) await appendToOutbox(manager, e);
    });

    const relay = new OutboxRelay({
      dataSource,
      connection,
      signer: keys.keyRing,
      batchSize,
      maxAttempts: 3,
      retryInitialMs: 20,
      retryMaxMs: 50,
      logger,
      inboxPruning: false,
    });
    relay.start();
    try {
      await waitFor(async () => (await probe.jsm.streams.info('POLICE')).state.messages === 50, {
        description: 'the 50 good rows published',
      });
      const failed = await waitFor(
        async () => {
          const rows = await listOutbox(query, { status: 'failed' });
          return rows.length === batchSize ? rows : undefined;
        },
        { description: 'the bad rows set aside as failed' },
      );
      expect(failed.map((r) => r.eventId).sort()).toEqual(bad.map((e) => e.id).sort());
      for (const row of failed) {
        expect(row).toMatchObject({ status: 'failed', attempts: 3, subject: 'nowhere.riau.arrest.recorded' });
        expect(row.lastError).toMatch(/^BUS\.|^[A-Z]/);
        expect(row.failedAt).not.toBeNull();
      }
      expect(await listOutbox(query, { status: 'pending' })).toEqual([]);

      // An operator can alert on it: a log line per row (ids only) and the failed-rows gauge.
      const setAside = logged.filter((m) => m.includes('set aside as failed'));
      expect(setAside).toHaveLength(batchSize);
      expect(setAside[0]).toContain(failed.find((r) => setAside[0]!.includes(`row ${r.id} `))!.eventId);
      const person = bad[0]!.data.suspects[0]!.person.fullName;
      expect(logged.join('\n')).not.toContain(person);
      expect(failed.map((r) => r.lastError).join('\n')).not.toContain(person);
      await waitFor(async () => (await outboxMetrics().failedRows.get()).values[0]?.value === batchSize, {
        description: 'the failed-rows gauge',
      });
      expect(relay.stats().setAside).toBe(batchSize);

      // The cause is fixed (a stream now takes the subject): retry four, drop one.
      await probe.jsm.streams.add({ name: 'NOWHERE', subjects: ['nowhere.>'] });
      const [dropped, ...retried] = failed.map((r) => r.id);
      expect(await dropOutbox(query, { ids: [dropped!] })).toEqual([dropped]);
      expect((await retryOutbox(query, { ids: retried })).sort()).toEqual([...retried].sort());
      // Only failed rows are touched: a second drop of the same id changes nothing.
      expect(await dropOutbox(query, { ids: [dropped!] })).toEqual([]);
      relay.notify();
      await waitFor(async () => (await probe.jsm.streams.info('NOWHERE')).state.messages === 4, {
        description: 'the retried rows published',
      });
      await waitFor(async () => (await listOutbox(query)).length === 0, { description: 'an empty outbox' });
    } finally {
      await relay.stop();
    }
  });
});
