// Defect 12 (issue 10): a unit's name reaches the generated nats-server config. The writer alone,
// given hostile names the registry would refuse, must still produce a config that nats-server
// accepts and in which no name adds a user: checked with the real server (`-t`, then a start).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createUser } from '@nats-io/nkeys';
import { connect, nkeyAuthenticator } from '@nats-io/transport-node';
import { startNatsServer, type TestNatsServer } from '@simpul/bus/testing';
import type { AgencyRegistry } from '../registry/unit-entry.js';
import { renderAccounts, renderServerConfig } from './server-config.js';

jest.setTimeout(30_000);

const EVIL = { user: 'evil', pass: 'evil' };
const injectedUser = `{ user: "${EVIL.user}", password: "${EVIL.pass}", permissions: { publish: ">", subscribe: ">" } }`;

/** Names that try to end the comment (`\r`, `\n`) or a string (`"`), close the block, or add a user. */
const HOSTILE_NAMES: Array<[string, string]> = [
  ['a carriage return', `Polda Riau\r    ${injectedUser},\r    #`],
  ['a line feed', `Polda Kepri\n    ${injectedUser},\n    #`],
  ['quotes and braces', `Polda "Jambi" }\r]\r}\rauthorization { users = [ ${injectedUser} ] }\r#`],
  ['a backslash, a separator and controls', `Polda \\ Bali \u2028 ${injectedUser} \u0000 \x1b[0m`],
];

const natsBinary = process.env.NATS_SERVER_BIN ?? 'nats-server';
let dir: string;
let server: TestNatsServer | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'simpul-server-config-'));
});

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A server config whose authorization has one unit, named `name`, connecting with `publicKey`. */
function writeConfig(caseDir: string, name: string, publicKey: string): string {
  mkdirSync(caseDir);
  // Bypasses validateRegistry on purpose: the writer must be safe on its own.
  const registry: AgencyRegistry = {
    units: [{ id: 'polda:riau', name, publish: [], consumers: [], serves: [], nats: true, admin: false }],
  };
  writeFileSync(
    join(caseDir, 'authorization.conf'),
    renderAccounts(registry, new Map([['polda:riau', publicKey]]), []),
  );
  const configFile = join(caseDir, 'nats-server.conf');
  writeFileSync(
    configFile,
    renderServerConfig({
      serverName: 'hostile-names',
      host: '127.0.0.1',
      port: 4222, // never bound: `-t` only parses, and the test server's -p overrides it
      storeDir: join(caseDir, 'js'),
      authorizationFile: 'authorization.conf',
    }),
  );
  return configFile;
}

describe('the generated nats-server config, given a hostile unit name', () => {
  it.each(HOSTILE_NAMES.map(([label, name], i) => [label, name, i] as const))(
    'with %s: is valid for nats-server -t, lets in the nkey user and nobody the name injects',
    async (_label, name, i) => {
      const user = createUser();
      const configFile = writeConfig(join(dir, `case-${i}`), name, user.getPublicKey());
      const check = spawnSync(natsBinary, ['-t', '-c', configFile], { encoding: 'utf8' });
      expect(`${check.stdout}${check.stderr}`).toContain('is valid');

      // The config enables JetStream in its own store_dir; the flags only choose a free port.
      server = await startNatsServer({ jetstream: false, args: ['-c', configFile] });
      const legit = await connect({
        servers: server.url,
        authenticator: nkeyAuthenticator(user.getSeed()),
        reconnect: false,
      });
      await legit.close();
      await expect(
        connect({ servers: server.url, user: EVIL.user, pass: EVIL.pass, reconnect: false }),
      ).rejects.toThrow(/authorization/i);
    },
  );
});
