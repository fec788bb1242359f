// The Nest wiring: BusModule.forRootAsync with TypeORM, a service appending to the outbox in its
// transaction, an @OnBusEvent handler found by discovery that writes its effect and appends a
// follow-up event (same trace), /health data, and a clean shutdown.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { Inject, Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { buildEvent, uuidv7, type SimpulEvent } from '@simpul/contracts';
import { validFixture } from '@simpul/contracts/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, type QueryRunner } from 'typeorm';
import { BusConnection } from '../connection/bus-connection.js';
import { OnBusEvent } from '../consumer/decorators.js';
import type { EventContext } from '../consumer/handler.js';
import { BusHeader } from '../headers.js';
import { silentLogger } from '../logger.js';
import { BUS_MIGRATIONS } from '../outbox/migrations.js';
import { createTestDatabase, type TestDatabase } from '../testing/database.js';
import { arrestEvent } from '../testing/fixtures.js';
import { startNatsServer, type TestNatsServer } from '../testing/nats-server.js';
import { waitFor } from '../testing/wait-for.js';
import { BusHealthService, BusModule, BusRuntime, OutboxService } from './bus.module.js';

jest.setTimeout(30_000);

class AppTables1764300000004 {
  name = 'AppTables1764300000004';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE arrests (arrest_id uuid PRIMARY KEY, event_id uuid NOT NULL)`);
    await q.query(`CREATE TABLE alerts (alert_id uuid PRIMARY KEY, arrest_event_id uuid NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alerts; DROP TABLE arrests`);
  }
}

/** Police side: records an arrest and its event in one transaction. */
@Injectable()
class RecordArrestService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(OutboxService) private readonly outbox: OutboxService,
  ) {}

  async record(event: SimpulEvent<'police.arrest.recorded.v1'>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO arrests (arrest_id, event_id) VALUES ($1, $2)`, [
        event.data.arrestId,
        event.id,
      ]);
      await this.outbox.append(manager, event);
    });
  }
}

/** Ministry side: raises an alert when an arrest is recorded, and announces it. */
@Injectable()
class RaiseAlertWhenArrestRecorded {
  @OnBusEvent('police.arrest.recorded.v1', { consumer: 'ministry-police' })
  async handle(event: SimpulEvent<'police.arrest.recorded.v1'>, { manager }: EventContext): Promise<void> {
    const alertId = uuidv7();
    await manager.query(`INSERT INTO alerts (alert_id, arrest_event_id) VALUES ($1, $2)`, [
      alertId,
      event.id,
    ]);
    const template = validFixture('ministry.alert.raised.v1').data;
    const alert = buildEvent(
      'ministry.alert.raised.v1',
      { ...template, alertId, kind: 'arrest', region: event.data.polda, sourceEventIds: [event.id] },
      { source: '/kp2mi/ministry', correlationId: event.correlationid, causationId: event.id },
    );
    await appendFromHandler(manager, alert);
  }
}

// The handler appends with the plain function, as a handler without injected services would.
const { appendToOutbox: appendFromHandler } = await import('../outbox/append.js');

let nats: TestNatsServer;
let db: TestDatabase;
let app: INestApplicationContext;

beforeAll(async () => {
  nats = await startNatsServer({ jetstream: true });
  db = await createTestDatabase('bus_nest');
  const keyDir = mkdtempSync(join(tmpdir(), 'simpul-nest-keys-'));

  @Module({
    imports: [
      TypeOrmModule.forRoot({
        type: 'postgres',
        url: db.url,
        synchronize: false,
        migrationsRun: true,
        migrations: [...BUS_MIGRATIONS, AppTables1764300000004],
        logging: false,
      }),
      BusModule.forRootAsync({
        useFactory: () => ({
          service: 'test',
          nats: { servers: nats.url },
          keys: {
            devDirectory: keyDir,
            generate: true,
            units: [
              { unit: 'polda:riau', source: '/polri/polda/riau' },
              { unit: 'ministry:service', source: '/kp2mi/ministry' },
            ],
          },
          relay: { pollIntervalMs: 200 },
          logger: silentLogger,
        }),
      }),
    ],
    providers: [RecordArrestService, RaiseAlertWhenArrestRecorded],
  })
  class AppModule {}

  app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  app.enableShutdownHooks();
  await app.init();
  await app.get(BusRuntime).ready();
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
  await nats?.stop();
});

it('records, relays, applies with the discovered handler, and continues the trace into the follow-up event', async () => {
  const connection = app.get(BusConnection);
  const alerts = connection.nc.subscribe('ministry.alert.raised', { max: 1 });
  const arrests = connection.nc.subscribe('police.riau.arrest.recorded', { max: 1 });
  await connection.nc.flush();

  const event = arrestEvent();
  await app.get(RecordArrestService).record(event);

  const dataSource = app.get(DataSource);
  await waitFor(
    async () =>
      (
        await dataSource.query(`SELECT count(*)::int AS n FROM alerts WHERE arrest_event_id = $1`, [event.id])
      )[0].n === 1,
    { description: 'alert raised' },
  );
  let arrestTrace = '';
  for await (const m of arrests) arrestTrace = m.headers?.get(BusHeader.TRACEPARENT) ?? '';
  for await (const m of alerts) {
    const alert = JSON.parse(new TextDecoder().decode(m.data)) as { causationid: string; source: string };
    expect(alert.causationid).toBe(event.id);
    expect(m.headers?.get(BusHeader.KEY)).toMatch(/^ministry-service\./);
    // Same W3C trace id, new span.
    const trace = m.headers?.get(BusHeader.TRACEPARENT) ?? '';
    expect(trace.split('-')[1]).toBe(arrestTrace.split('-')[1]);
    expect(trace).not.toBe(arrestTrace);
  }
});

it('runs a reconciler beside its relay, over the ledger the relay keeps', async () => {
  const reconciler = app.get(BusRuntime).instance.reconciler;
  expect(reconciler).toBeDefined();
  // Everything relayed so far (the arrest and its follow-up alert) is in the ledger and in place.
  const report = await waitFor(async () => {
    const r = await reconciler!.reconcileOnce();
    return r.checked >= 2 ? r : undefined;
  });
  expect(report).toMatchObject({ missing: 0, different: 0, republished: 0, failed: 0 });
});

it('reports health for /health: connected, outbox backlog, consumer lag', async () => {
  const health = app.get(BusHealthService);
  expect(health.name).toBe('nats');
  await waitFor(async () => (await health.check()).outboxBacklog === 0);
  const report = await health.check();
  expect(report).toMatchObject({
    status: 'up',
    connected: true,
    server: expect.stringMatching(/^\d+\.\d+\.\d+/),
    outboxBacklog: 0,
  });
  expect(report.consumers).toEqual({ 'ministry-police': expect.objectContaining({ pending: 0 }) });
});
