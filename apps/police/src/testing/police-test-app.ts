// The police service in-process for its integration tests: a nats-server, database, keys and token
// file of the test file's own (startTestInfra), migrated, listening on port 0 with its bus ready.
// A second deployment can run alongside the first: same nats-server and keys, its own database.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { BusConnection, BusRuntime, silentLogger, type DevUnit } from '@simpul/bus';
import {
  createTestDatabase,
  startTestInfra,
  type TestDatabase,
  type TestInfra,
  type TestKeys,
  type TestNatsServer,
} from '@simpul/bus/testing';
import { ApiExceptionFilter, hashToken, loadConfig } from '@simpul/http';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { PoliceConfig } from '../config/police.config.js';
import { policeDataSourceOptions } from '../database/data-source-options.js';
import { fileURLToPath } from 'node:url';

/** The reference units a local run serves (the launcher passes the same file). */
const REFERENCE_UNITS_FILE = fileURLToPath(
  new URL('../../../../deploy/reference/units.json', import.meta.url),
);

export interface PoliceTestAppOptions {
  /** Prefix of the test database's name. */
  database?: string;
  /** Units to generate signing keys for. */
  units: DevUnit[];
  /** Bearer tokens the API accepts, token → unit. */
  tokens: Record<string, string>;
  /** Extra environment for loadConfig (POLICE_UNITS, ...). */
  env?: Record<string, string>;
  /** How often the outbox relay polls (ms). */
  relayPollIntervalMs?: number;
  /**
   * Another police deployment on the same bus: this one uses its nats-server and keys (so `units`
   * must be among those it generated), with a database and token file of its own.
   */
  alongside?: PoliceTestApp;
}

export interface PoliceTestApp {
  app: INestApplication;
  baseUrl: string;
  /** The connection the migrations ran through, kept open for the test's own queries. */
  dataSource: DataSource;
  nats: TestNatsServer;
  db: TestDatabase;
  keys: TestKeys;
  tokens: Record<string, string>;
  /** The test's own bus connection. */
  probe: BusConnection;
  stop(): Promise<void>;
}

export async function startPoliceTestApp(options: PoliceTestAppOptions): Promise<PoliceTestApp> {
  const tokenHashes = Object.fromEntries(
    Object.entries(options.tokens).map(([token, unit]) => [hashToken(token), unit]),
  );
  const database = options.database ?? 'police';
  const infra = options.alongside
    ? await infraAlongside(options.alongside, database, tokenHashes)
    : await startTestInfra({ database, units: options.units, tokenHashes });
  let dataSource: DataSource | undefined;
  let app: INestApplication | undefined;
  let probe: BusConnection | undefined;
  const stop = async (): Promise<void> => {
    await probe?.drain();
    await app?.close();
    await dataSource?.destroy();
    await infra.stop();
  };
  try {
    const config = loadConfig(PoliceConfig, {
      POLICE_DATABASE_URL: infra.db.url,
      NATS_URL: infra.nats.url,
      SIMPUL_KEYS_DIR: infra.keys.dir,
      TOKEN_HASHES_FILE: infra.tokensFile,
      REFERENCE_UNITS_FILE,
      ...options.env,
    });

    // The explicit migration step, then the app (which never migrates by itself).
    dataSource = new DataSource(policeDataSourceOptions(infra.db.url));
    await dataSource.initialize();
    await dataSource.runMigrations();

    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot(config, {
        logger: silentLogger,
        relay: { pollIntervalMs: options.relayPollIntervalMs ?? 100 },
      }),
      { bodyParser: false, logger: false },
    );
    (app as NestExpressApplication).useBodyParser('json', { limit: '300kb' });
    app.useGlobalFilters(new ApiExceptionFilter());
    await app.listen(0, '127.0.0.1');
    const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await app.get(BusRuntime).ready();

    probe = BusConnection.start({ servers: infra.nats.url, name: 'police-int-probe', logger: silentLogger });
    await probe.ready();
    return {
      app,
      baseUrl,
      dataSource,
      nats: infra.nats,
      db: infra.db,
      keys: infra.keys,
      tokens: options.tokens,
      probe,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** The infrastructure of a deployment next to `other`: its nats-server and keys, a new database and token file. */
async function infraAlongside(
  other: PoliceTestApp,
  database: string,
  tokenHashes: Record<string, string>,
): Promise<Pick<TestInfra, 'nats' | 'db' | 'keys' | 'tokensFile' | 'stop'>> {
  const tmp = mkdtempSync(join(tmpdir(), `simpul-${database.replace(/[^a-z0-9]+/gi, '-')}-`));
  const tokensFile = join(tmp, 'token-hashes.json');
  writeFileSync(tokensFile, JSON.stringify(tokenHashes));
  let db: TestDatabase;
  try {
    db = await createTestDatabase(database);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  const stop = async (): Promise<void> => {
    // The nats-server is the other deployment's: it stops it.
    try {
      await db.drop();
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  };
  return { nats: other.nats, db, keys: other.keys, tokensFile, stop };
}
