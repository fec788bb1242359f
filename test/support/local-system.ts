import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  freePort,
  startNatsServer,
  type TestDatabase,
  type TestNatsServer,
} from '@simpul/bus/testing';
import { startLocalStack, SERVICES, type LocalStack } from '../../deploy/local/src/local-stack.js';

export interface TestSystem {
  stack: LocalStack;
  nats: TestNatsServer;
  stateDir: string;
  /** Stops the services, then removes the nats-server, the databases and the state directory. */
  stop(): Promise<void>;
}

/**
 * The whole system as the launcher starts it (deploy/local/src/local-stack.ts: migrations, tokens,
 * dev keys, three service processes), but on a nats-server, databases and a state directory of the
 * test's own, and free ports: never the shared servers or the developer's `.simpul/`.
 * Jest gives each test file its own `process.env`, so setting it here stays within the file.
 */
export async function startTestSystem(name: string): Promise<TestSystem> {
  const nats = await startNatsServer();
  const stateDir = mkdtempSync(join(tmpdir(), `simpul-${name}-`));
  chmodSync(stateDir, 0o755);
  process.env.SIMPUL_STATE_DIR = stateDir;
  process.env.NATS_URL = nats.url;
  const databases = await prepareServiceDatabases(name);
  const cleanUp = async () => {
    await nats.stop();
    for (const database of databases) await database.drop();
    rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    const stack = await startLocalStack(() => undefined);
    return {
      stack,
      nats,
      stateDir,
      async stop() {
        await stack.stop();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/**
 * A database of the test's own for each service, and a free HTTP port for each service and the
 * console, handed to the launcher through the environment (`<SERVICE>_DATABASE_URL`, `<SERVICE>_PORT`,
 * `CONSOLE_PORT`).
 */
export async function prepareServiceDatabases(name: string): Promise<TestDatabase[]> {
  const databases: TestDatabase[] = [];
  for (const service of SERVICES) {
    const database = await createTestDatabase(`${name}_${service}`);
    databases.push(database);
    process.env[`${service.toUpperCase()}_DATABASE_URL`] = database.url;
    process.env[`${service.toUpperCase()}_PORT`] = String(await freePort());
  }
  process.env.CONSOLE_PORT = String(await freePort());
  return databases;
}
