// Defect 15 (issue 10): `simpul agency add` hands over everything a new unit needs to connect,
// including the inbox prefix its permissions allow (`_INBOX_<unit>`): printed, and written next to
// its credentials. Shown with the real nats-server running the generated authorization: with the
// handed-over prefix the unit's first request/reply (a JetStream publish) is answered; with the
// client's default prefix it is refused.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { authenticatorFor } from '@simpul/bus';
import { startNatsServer, type TestNatsServer } from '@simpul/bus/testing';
import { renderServerConfig, trustPaths, unitCredsFile, type NatsHandover } from '@simpul/trust';
import { run as agency } from './agency.command.js';

jest.setTimeout(60_000);

const UNIT = 'polda:papua-selatan';
const SUBJECT = 'police.papua-selatan.arrest.recorded';

let stateDir: string;
let registryFile: string;
let server: TestNatsServer | undefined;
const connections: NatsConnection[] = [];
const printed: string[] = [];

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'simpul-agency-add-'));
  registryFile = join(stateDir, 'agencies.yaml');
  copyFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'deploy', 'agencies.yaml'), registryFile);
  const log = jest
    .spyOn(console, 'log')
    .mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
  const status = await agency([
    'add',
    'polda',
    'papua-selatan',
    '--registry',
    registryFile,
    '--state',
    stateDir,
  ]);
  log.mockRestore();
  expect(status).toBe(0);

  // A nats-server with the authorization `agency add` generated (plain TCP: TLS is not the point).
  const paths = trustPaths(stateDir);
  const configFile = join(stateDir, 'nats', 'nats-server.conf');
  writeFileSync(
    configFile,
    renderServerConfig({
      serverName: 'agency-add',
      host: '127.0.0.1',
      port: 4222, // replaced by the test server's free port (-p)
      storeDir: join(stateDir, 'js'),
      authorizationFile: 'authorization.conf',
    }),
  );
  expect(paths.authorizationFile).toBe(join(stateDir, 'nats', 'authorization.conf'));
  server = await startNatsServer({ jetstream: false, args: ['-c', configFile] });
  const admin = await connectAs('admin:operator', { inboxPrefix: '_INBOX_admin-operator' });
  await (await jetstreamManager(admin)).streams.add({ name: 'POLICE', subjects: ['police.>'] });
});

afterAll(async () => {
  for (const nc of connections) await nc.close().catch(() => undefined);
  await server?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

async function connectAs(unitId: string, options: { inboxPrefix?: string } = {}): Promise<NatsConnection> {
  const nc = await connect({
    servers: server!.url,
    authenticator: authenticatorFor(unitCredsFile(stateDir, unitId)),
    reconnect: false,
    ...options,
  });
  connections.push(nc);
  return nc;
}

/** Where the handover note goes: next to the credentials, `<unit>.handover.json`. */
const handoverFile = () => join(trustPaths(stateDir).credsDir, 'polda-papua-selatan.handover.json');

function handover(): NatsHandover {
  return JSON.parse(readFileSync(handoverFile(), 'utf8')) as NatsHandover;
}

describe('simpul agency add polda papua-selatan', () => {
  it('prints the inbox prefix the unit must use, and writes it into the handover next to the credentials', () => {
    const output = printed.join('\n');
    expect(output).toContain('inbox prefix     _INBOX_polda-papua-selatan');
    expect(output).toContain(handoverFile());
    expect(handover()).toEqual({
      unit: UNIT,
      credsFile: 'polda-papua-selatan.creds',
      inboxPrefix: '_INBOX_polda-papua-selatan',
      publish: ['police.papua-selatan.arrest.recorded', 'police.papua-selatan.departure.foiled'],
      consumers: [],
    });
    // The credentials file itself stays a bare seed (what every NATS client reads).
    expect(readFileSync(unitCredsFile(stateDir, UNIT), 'utf8')).toMatch(/^SU[A-Z2-7]{56}\n$/);
  });

  it('lets the unit’s first request/reply through with the handed-over prefix, and not with the default one', async () => {
    const { inboxPrefix } = handover();
    const ack = await jetstream(await connectAs(UNIT, { inboxPrefix })).publish(SUBJECT, '{}', {
      timeout: 5000,
    });
    expect(ack.stream).toBe('POLICE');
    // What a unit without the note does: its reply subscription (_INBOX.>) is refused.
    const withDefault = await connectAs(UNIT);
    await expect(jetstream(withDefault).publish(SUBJECT, '{}', { timeout: 2000 })).rejects.toThrow();
  });
});

describe('simpul agency add with a hostile --name', () => {
  it('refuses it, naming the field and the rule, and changes nothing', async () => {
    const before = readFileSync(registryFile, 'utf8');
    const errors: string[] = [];
    const error = jest
      .spyOn(console, 'error')
      .mockImplementation((...a: unknown[]) => void errors.push(a.join(' ')));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const name = 'Polda X\r    { user: "evil", password: "evil" },\n  }\n  users = [ { user: "evil2" } ]';
    const status = await agency([
      'add',
      'polda',
      'hostile',
      '--name',
      name,
      '--registry',
      registryFile,
      '--state',
      stateDir,
    ]);
    error.mockRestore();
    log.mockRestore();
    expect(status).toBe(1);
    expect(errors.join('\n')).toMatch(/\(polda:hostile\)\.name: must be printable: no control characters/);
    expect(errors.join('\n')).not.toContain('evil');
    expect(readFileSync(registryFile, 'utf8')).toBe(before);
    expect(existsSync(unitCredsFile(stateDir, 'polda:hostile'))).toBe(false);
  });
});
