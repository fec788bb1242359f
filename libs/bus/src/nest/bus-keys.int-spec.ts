// A production start of a Nest service never generates signing keys: with a key directory that
// holds none it fails with one sentence and leaves the directory as it was; only a development run
// (SIMPUL_DEV_KEYS=1, or keys.generate) generates missing dev keys.
import { afterAll, afterEach, beforeAll, expect, it, jest } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../logger.js';
import { BUS_MIGRATIONS } from '../outbox/migrations.js';
import { createTestDatabase, type TestDatabase } from '../testing/database.js';
import { startNatsServer, type TestNatsServer } from '../testing/nats-server.js';
import { BusModule } from './bus.module.js';

jest.setTimeout(30_000);

let nats: TestNatsServer;
let db: TestDatabase;
const savedFlag = process.env.SIMPUL_DEV_KEYS;

beforeAll(async () => {
  nats = await startNatsServer({ jetstream: true });
  db = await createTestDatabase('bus_keys');
});

afterEach(() => {
  if (savedFlag === undefined) delete process.env.SIMPUL_DEV_KEYS;
  else process.env.SIMPUL_DEV_KEYS = savedFlag;
});

afterAll(async () => {
  await db?.drop();
  await nats?.stop();
});

function serviceWithKeysIn(keyDir: string) {
  @Module({
    imports: [
      TypeOrmModule.forRoot({
        type: 'postgres',
        url: db.url,
        synchronize: false,
        migrationsRun: true,
        migrations: [...BUS_MIGRATIONS],
        logging: false,
      }),
      BusModule.forRoot({
        service: 'test',
        nats: { servers: nats.url },
        keys: { devDirectory: keyDir, units: [{ unit: 'polda:riau', source: '/polri/polda/riau' }] },
        relay: { pollIntervalMs: 200 },
        logger: silentLogger,
      }),
    ],
  })
  class AppModule {}
  return AppModule;
}

it('refuses to start without configured keys outside a development run, generating nothing', async () => {
  delete process.env.SIMPUL_DEV_KEYS;
  const keyDir = mkdtempSync(join(tmpdir(), 'simpul-prod-keys-'));

  await expect(
    NestFactory.createApplicationContext(serviceWithKeysIn(keyDir), { logger: false, abortOnError: false }),
  ).rejects.toThrow(/^no signing keys are configured: .*registry\.json does not exist/);
  expect(readdirSync(keyDir)).toEqual([]);
});

it('generates missing dev keys in a development run', async () => {
  process.env.SIMPUL_DEV_KEYS = '1';
  const keyDir = mkdtempSync(join(tmpdir(), 'simpul-dev-keys-'));

  const app = await NestFactory.createApplicationContext(serviceWithKeysIn(keyDir), { logger: false });
  try {
    expect(readdirSync(keyDir).sort()).toEqual(['private', 'registry.json']);
  } finally {
    await app.close();
  }
});
