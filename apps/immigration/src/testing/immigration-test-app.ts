// The immigration service in-process for its integration tests: a nats-server, database, keys and
// token file of the test file's own (startTestInfra), migrated, listening on port 0 with its bus ready.
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BusRuntime, silentLogger, type DevUnit } from '@simpul/bus';
import {
  createTestKeys,
  startTestInfra,
  type TestDatabase,
  type TestKeys,
  type TestNatsServer,
} from '@simpul/bus/testing';
import { ApiExceptionFilter, hashToken, loadConfig } from '@simpul/http';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { ImmigrationConfig } from '../config/immigration.config.js';
import { immigrationDataSourceOptions } from '../database/data-source-options.js';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

/** The reference units a local run serves (the launcher passes the same file). */
const REFERENCE_UNITS_FILE = fileURLToPath(
  new URL('../../../../deploy/reference/units.json', import.meta.url),
);
/** Every reference checkpoint, as a local run serves them (IMMIGRATION_CHECKPOINTS). */
const REFERENCE_CHECKPOINTS = (
  JSON.parse(readFileSync(REFERENCE_UNITS_FILE, 'utf8')) as { checkpoints: Array<{ code: string }> }
).checkpoints
  .map((checkpoint) => checkpoint.code)
  .join(',');

export interface ImmigrationTestAppOptions {
  /** Prefix of the test database's name. */
  database?: string;
  /** Other deployments' units to generate signing keys for; the app adds its own checkpoints'. */
  units: DevUnit[];
  /** Bearer tokens the API accepts, token → unit. */
  tokens: Record<string, string>;
  /** Extra environment for loadConfig (IMMIGRATION_CHECKPOINTS, ...). */
  env?: Record<string, string>;
}

export interface ImmigrationTestApp {
  app: INestApplication;
  baseUrl: string;
  dataSource: DataSource;
  /** The config the app runs with (to start another instance on the same state). */
  config: ImmigrationConfig;
  nats: TestNatsServer;
  db: TestDatabase;
  /** The key directory reloaded after start: the app's own checkpoint keys are in it too. */
  keys: TestKeys;
  tokens: Record<string, string>;
  stop(): Promise<void>;
}

export async function startImmigrationTestApp(
  options: ImmigrationTestAppOptions,
): Promise<ImmigrationTestApp> {
  const infra = await startTestInfra({
    database: options.database ?? 'immigration',
    units: options.units,
    tokenHashes: Object.fromEntries(
      Object.entries(options.tokens).map(([token, unit]) => [hashToken(token), unit]),
    ),
    nats: { jetstream: true },
  });
  let app: INestApplication | undefined;
  const stop = async (): Promise<void> => {
    try {
      await app?.close();
    } finally {
      await infra.stop();
    }
  };
  try {
    const config = loadConfig(ImmigrationConfig, {
      IMMIGRATION_DATABASE_URL: infra.db.url,
      NATS_URL: infra.nats.url,
      SIMPUL_KEYS_DIR: infra.keys.dir,
      TOKEN_HASHES_FILE: infra.tokensFile,
      IMMIGRATION_CHECKPOINTS: REFERENCE_CHECKPOINTS,
      REFERENCE_UNITS_FILE,
      ...options.env,
    });
    const migrator = new DataSource(immigrationDataSourceOptions(infra.db.url));
    await migrator.initialize();
    await migrator.runMigrations();
    await migrator.destroy();

    app = await NestFactory.create(AppModule.forRoot(config, { busLogger: silentLogger }), { logger: false });
    app.useGlobalFilters(new ApiExceptionFilter());
    await app.listen(0, '127.0.0.1');
    const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await app.get(BusRuntime).ready();
    // Keys the app generated for its own checkpoints are in the same directory: reload the ring.
    const keys = await createTestKeys([], infra.keys.dir);
    return {
      app,
      baseUrl,
      dataSource: app.get(DataSource),
      config,
      nats: infra.nats,
      db: infra.db,
      keys,
      tokens: options.tokens,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
