import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, freePort, type TestDatabase } from '@simpul/bus/testing';
import { loadRegistry } from '@simpul/trust';
import { agenciesFile } from '../../deploy/local/src/nats-server.js';
import { startNationalStack, type NationalStack } from '../../deploy/local/src/national/national-stack.js';

export interface NationalTestSystem {
  stack: NationalStack;
  stateDir: string;
  /** Database URL of each service process: police, ministry, immigration-<site>. */
  databaseUrls: Record<string, string>;
  /** Stops everything, then drops the databases and removes the state directory. */
  stop(): Promise<void>;
}

/**
 * The national shape exactly as `npm run start:all -- --topology national` runs it (hub cluster,
 * leaf sites behind their links, a service per site), on a state directory, databases and free
 * ports of the test's own: never the shared servers or the developer's `.simpul/`.
 */
export async function startNationalTestSystem(name: string): Promise<NationalTestSystem> {
  const stateDir = mkdtempSync(join(tmpdir(), `simpul-${name}-`));
  chmodSync(stateDir, 0o755);
  process.env.SIMPUL_STATE_DIR = stateDir;
  delete process.env.NATS_URL;
  process.env.POLICE_PORT = String(await freePort());
  process.env.MINISTRY_PORT = String(await freePort());
  process.env.CONSOLE_PORT = String(await freePort());
  const processes = [
    'police',
    'ministry',
    ...(loadRegistry(agenciesFile()).sites ?? []).map((site) => `immigration-${site.id}`),
  ];
  const databases: TestDatabase[] = [];
  const databaseUrls: Record<string, string> = {};
  for (const process of processes) {
    const database = await createTestDatabase(`${name}_${process.replace(/-/g, '_')}`);
    databases.push(database);
    databaseUrls[process] = database.url;
  }
  const cleanUp = async () => {
    for (const database of databases) await database.drop();
    rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    const stack = await startNationalStack({ log: () => undefined, databaseUrls });
    return {
      stack,
      stateDir,
      databaseUrls,
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
