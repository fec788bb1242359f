import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DevUnit } from '../signing/dev-keys.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { createTestKeys, type TestKeys } from './keys.js';
import { startNatsServer, type StartNatsServerOptions, type TestNatsServer } from './nats-server.js';

export interface TestInfraOptions {
  /** Prefix of the test database's name (see createTestDatabase). */
  database: string;
  /** Units to generate signing keys for, in `<tmp>/keys`. */
  units: DevUnit[];
  /** The token registry's content, hash → unit (the caller hashes: this library does not know how). */
  tokenHashes: Record<string, string>;
  nats?: StartNatsServerOptions;
}

/** The outside world of one in-process service test: its own nats-server, database, keys and token file. */
export interface TestInfra {
  nats: TestNatsServer;
  db: TestDatabase;
  keys: TestKeys;
  /** A temp directory of the test's own, removed by stop(). */
  tmp: string;
  /** `<tmp>/token-hashes.json` (TOKEN_HASHES_FILE). */
  tokensFile: string;
  /** Stops the nats-server, drops the database and removes the temp directory. */
  stop(): Promise<void>;
}

export async function startTestInfra(options: TestInfraOptions): Promise<TestInfra> {
  const tmp = mkdtempSync(join(tmpdir(), `simpul-${options.database.replace(/[^a-z0-9]+/gi, '-')}-`));
  let nats: TestNatsServer | undefined;
  let db: TestDatabase | undefined;
  const stop = async (): Promise<void> => {
    try {
      await nats?.stop();
    } finally {
      try {
        await db?.drop();
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    }
  };
  try {
    nats = await startNatsServer(options.nats);
    db = await createTestDatabase(options.database);
    const keys = await createTestKeys(options.units, join(tmp, 'keys'));
    // A test run is a development run: services started in-process may generate missing dev keys.
    process.env.SIMPUL_DEV_KEYS ??= '1';
    const tokensFile = join(tmp, 'token-hashes.json');
    writeFileSync(tokensFile, JSON.stringify(options.tokenHashes));
    return { nats, db, keys, tmp, tokensFile, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
