import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authenticatorFor } from '@simpul/bus';
import { freePort } from '@simpul/bus/testing';
import { inboxPrefixOf, unitCredsFile } from '@simpul/trust';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { startLocalStack, type LocalStack } from '../../deploy/local/src/local-stack.js';
import { REPO_ROOT } from '../../deploy/local/src/paths.js';
import { prepareServiceDatabases } from './local-system.js';

export interface SecuredTestSystem {
  stack: LocalStack;
  stateDir: string;
  /** The test's own copy of deploy/agencies.yaml (onboarding edits it, never the repository's). */
  registryFile: string;
  /** `{ url, ca }` of the launcher's nats-server, as in `.simpul/nats.json`. */
  nats: { url: string; ca: string };
  /** A connection as `unitId`, with its credentials, its inbox prefix and TLS (no reconnects). */
  connectAs(unitId: string, credsFile?: string): Promise<NatsConnection>;
  stop(): Promise<void>;
}

/**
 * The whole system exactly as `npm run start:all` runs it, trust boundaries included: the
 * launcher's own nats-server (free port) with TLS from a local CA and the authorization generated
 * from the registry, each service connected as its registry unit, streams and consumers
 * provisioned by the admin. State, registry copy and databases are the test's own.
 */
export async function startSecuredTestSystem(name: string): Promise<SecuredTestSystem> {
  const stateDir = mkdtempSync(join(tmpdir(), `simpul-${name}-`));
  chmodSync(stateDir, 0o755);
  const registryFile = join(stateDir, 'agencies.yaml');
  copyFileSync(join(REPO_ROOT, 'deploy', 'agencies.yaml'), registryFile);
  process.env.SIMPUL_STATE_DIR = stateDir;
  process.env.SIMPUL_AGENCIES_FILE = registryFile;
  process.env.SIMPUL_NATS_PORT = String(await freePort());
  delete process.env.NATS_URL;
  const databases = await prepareServiceDatabases(name);
  const cleanUp = async () => {
    for (const database of databases) await database.drop();
    rmSync(stateDir, { recursive: true, force: true });
  };
  let stack: LocalStack;
  try {
    stack = await startLocalStack(() => undefined);
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const nats = { url: stack.natsUrl, ca: join(stateDir, 'tls', 'ca.pem') };
  return {
    stack,
    stateDir,
    registryFile,
    nats,
    connectAs: (unitId, credsFile = unitCredsFile(stateDir, unitId)) =>
      connect({
        servers: nats.url,
        tls: { caFile: nats.ca },
        authenticator: authenticatorFor(credsFile),
        inboxPrefix: inboxPrefixOf(unitId),
        name: `test-${unitId}`,
        reconnect: false,
      }),
    async stop() {
      await stack.stop();
      await cleanUp();
    },
  };
}
