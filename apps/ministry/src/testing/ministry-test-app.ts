// The ministry service in-process for its integration tests: a nats-server, database, keys and token
// file of the test file's own (startTestInfra), migrated, listening on port 0 with its bus ready.
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BusRuntime, type DevUnit } from '@simpul/bus';
import {
  publishSignedEvent,
  startTestInfra,
  waitFor,
  type TestDatabase,
  type TestInfra,
  type TestKeys,
  type TestNatsServer,
} from '@simpul/bus/testing';
import { MINISTRY_SOURCE, poldaSource, type AnyEvent } from '@simpul/contracts';
import { ApiExceptionFilter, hashToken, loadConfig } from '@simpul/http';
import { generatePrivacyKeys } from '@simpul/privacy';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { MinistryConfig } from '../config/ministry.config.js';
import { migrateMinistry } from '../database/migrate.js';
import { fileURLToPath } from 'node:url';

/** The reference units a local run serves (the launcher passes the same file). */
const REFERENCE_UNITS_FILE = fileURLToPath(
  new URL('../../../../deploy/reference/units.json', import.meta.url),
);

/** Who and why on personal-data reads (audited), sent on every call unless a test says otherwise. */
export const DEFAULT_ACCESS: Record<string, string> = {
  'simpul-official': 'NIP 198701012010011001',
  'simpul-purpose': 'case_handling',
};

export interface MinistryTestAppOptions {
  /** Prefix of the test database's name. */
  database: string;
  /** Units to generate signing keys for (the ministry's own included); Polda Riau and the ministry by default. */
  units?: DevUnit[];
  /** Bearer tokens the API accepts, token → unit. */
  tokens: Record<string, string>;
  /** The token api() sends when a call names none. */
  defaultToken: string;
  /** Headers api() sends on every call unless the call gives its own `access`. */
  access?: Record<string, string>;
  /** Extra environment for loadConfig (overrides the defaults). */
  env?: Record<string, string>;
  /** The PII keys to run with; fresh ones when not given. */
  privacyKeys?: ReturnType<typeof generatePrivacyKeys>;
  /**
   * Another instance (replica) of that ministry: its nats-server, database, keys, token file and
   * config (`units`, `env` and `privacyKeys` are then ignored); stopping this one leaves them to it.
   */
  alongside?: MinistryTestApp;
}

export interface ApiCallOptions {
  token?: string;
  /** Replaces the harness's access headers for this call. */
  access?: Record<string, string>;
  /** Sent after everything else. */
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  // A test reads whatever JSON the API answers and asserts on it; typing every response adds nothing.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: Record<string, any>;
}

export interface MinistryTestApp {
  app: INestApplication;
  baseUrl: string;
  /** The config the app runs with (what an instance alongside runs with too). */
  config: MinistryConfig;
  dataSource: DataSource;
  nats: TestNatsServer;
  db: TestDatabase;
  keys: TestKeys;
  tokens: Record<string, string>;
  /** Fresh per run: nothing a test stores is readable under any other key. */
  privacyKeys: ReturnType<typeof generatePrivacyKeys>;
  /** The test's own NATS connection. */
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  api(method: string, path: string, body?: unknown, options?: ApiCallOptions): Promise<ApiAnswer>;
  /** Publishes `event` signed with `source`'s key; the stream sequence. */
  publish(event: AnyEvent, source: string, msgId?: string): Promise<number>;
  /** Waits until the durable has delivered and acknowledged everything up to `seq`. */
  consumerSettledAt(stream: string, durable: string, seq: number, description?: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startMinistryTestApp(options: MinistryTestAppOptions): Promise<MinistryTestApp> {
  const other = options.alongside;
  const privacyKeys = other?.privacyKeys ?? options.privacyKeys ?? generatePrivacyKeys('test');
  const own = other
    ? undefined
    : await startTestInfra({
        database: options.database,
        units: options.units ?? [
          { unit: 'polda:riau', source: poldaSource('riau') },
          { unit: 'ministry:service', source: MINISTRY_SOURCE },
        ],
        tokenHashes: Object.fromEntries(
          Object.entries(options.tokens).map(([token, unit]) => [hashToken(token), unit]),
        ),
      });
  // Alongside another instance: its infrastructure, which it stops.
  const infra = own ?? { nats: other!.nats, db: other!.db, keys: other!.keys, stop: async () => undefined };
  let app: INestApplication | undefined;
  let nc: NatsConnection | undefined;
  const stop = async (): Promise<void> => {
    await nc?.drain().catch(() => undefined);
    await app?.close();
    await infra.stop();
  };
  try {
    const config = own ? await migratedConfig(own, privacyKeys, options.env) : other!.config;
    app = await NestFactory.create(AppModule.forRoot(config), { logger: ['error', 'warn'] });
    app.useGlobalFilters(new ApiExceptionFilter());
    await app.listen(0, '127.0.0.1');
    const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await app.get(BusRuntime).ready();
    const dataSource = app.get(DataSource);

    nc = await connect({ servers: infra.nats.url });
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const access = options.access ?? DEFAULT_ACCESS;

    return {
      app,
      baseUrl,
      config,
      dataSource,
      nats: infra.nats,
      db: infra.db,
      keys: infra.keys,
      tokens: options.tokens,
      privacyKeys,
      nc,
      js,
      jsm,
      async api(method, path, body, call = {}) {
        const response = await fetch(`${baseUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${call.token ?? options.defaultToken}`,
            ...(call.access ?? access),
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...call.headers,
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        return { status: response.status, body: (await response.json()) as ApiAnswer['body'] };
      },
      async publish(event, source, msgId) {
        const key = infra.keys.keyRing.keyFor(source);
        if (!key) throw new Error(`no test key for ${source}`);
        return (await publishSignedEvent(js, event, key, msgId ? { msgId } : {})).seq;
      },
      async consumerSettledAt(stream, durable, seq, description) {
        await waitFor(
          async () => {
            const info = await jsm.consumers.info(stream, durable);
            return info.ack_floor.stream_seq >= seq && info.num_ack_pending === 0 && info.num_pending === 0;
          },
          { description: description ?? `${durable} to acknowledge the published events`, timeoutMs: 20_000 },
        );
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** Migrates the infrastructure's database and answers the config a first instance runs with. */
async function migratedConfig(
  infra: TestInfra,
  privacyKeys: ReturnType<typeof generatePrivacyKeys>,
  env: Record<string, string> = {},
): Promise<MinistryConfig> {
  await migrateMinistry(infra.db.url);
  return loadConfig(MinistryConfig, {
    MINISTRY_DATABASE_URL: infra.db.url,
    NATS_URL: infra.nats.url,
    SIMPUL_KEYS_DIR: infra.keys.dir,
    TOKEN_HASHES_FILE: infra.tokensFile,
    REFERENCE_UNITS_FILE,
    MINISTRY_PII_ENCRYPTION_KEY: privacyKeys.encryptionKey,
    MINISTRY_PII_INDEX_KEY: privacyKeys.indexKey,
    ...env,
  });
}

/** Every ministry.* message a consumer of the test's own has seen, by subject. */
export interface MinistryWatch {
  published: Array<{ subject: string; event: AnyEvent }>;
  /** Fetches everything pending into `published`. */
  drain(): Promise<void>;
  of(subject: string): AnyEvent[];
}

export async function watchMinistry(t: MinistryTestApp, durable: string): Promise<MinistryWatch> {
  await t.jsm.consumers.add('MINISTRY', {
    durable_name: durable,
    ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.All,
    filter_subject: 'ministry.>',
  });
  const published: MinistryWatch['published'] = [];
  return {
    published,
    async drain() {
      const consumer = await t.js.consumers.get('MINISTRY', durable);
      for (;;) {
        const pending = (await consumer.info()).num_pending;
        if (pending === 0) return;
        const batch = await consumer.fetch({ max_messages: pending, expires: 5000 });
        for await (const msg of batch) published.push({ subject: msg.subject, event: msg.json<AnyEvent>() });
      }
    },
    of(subject) {
      return published.filter((p) => p.subject === subject).map((p) => p.event);
    },
  };
}
