import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { PermissionViolationError, type NatsConnection } from '@nats-io/transport-node';
import { streamForSubject } from '@simpul/bus';
import { waitFor } from '@simpul/bus/testing';
import {
  loadRegistry,
  natsUsers,
  publishableSubjects,
  topologyForRegistry,
  unitCredsFile,
  type AgencyRegistry,
  type UnitEntry,
} from '@simpul/trust';
import { arrestBody } from '../../deploy/local/src/demo/reference-scenario.js';
import { REPO_ROOT } from '../../deploy/local/src/paths.js';
import { apiClient, type ApiClient, type Json } from '../support/api-client.js';
import { startSecuredTestSystem, type SecuredTestSystem } from '../support/secured-system.js';

// Issue 6, "Tests of the boundary": the system as the launcher runs it, with TLS and the
// authorization generated from deploy/agencies.yaml. Every unit connects with its own credentials
// and tries what it must not do; the admin checks that nothing was stored.

const EVENT_STREAMS = ['POLICE', 'MINISTRY', 'IMMIGRATION', 'DEAD_LETTERS'] as const;
let system: SecuredTestSystem;
let api: ApiClient;
let registry: AgencyRegistry;
let admin: NatsConnection;

beforeAll(async () => {
  system = await startSecuredTestSystem('trust');
  api = apiClient(system);
  registry = loadRegistry(system.registryFile);
  admin = await system.connectAs('admin:operator');
}, 180_000);
afterAll(async () => {
  await admin?.close();
  await system?.stop();
}, 30_000);

/** Messages stored per stream, read by the admin. */
async function storedMessages(): Promise<Record<string, number>> {
  const jsm = await jetstreamManager(admin);
  const counts: Record<string, number> = {};
  for (const stream of EVENT_STREAMS) counts[stream] = (await jsm.streams.info(stream)).state.messages;
  return counts;
}

/** Collects the permission violations the server reports to a connection. */
function violations(nc: NatsConnection): Array<{ operation: string; subject: string }> {
  const seen: Array<{ operation: string; subject: string }> = [];
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'error' && status.error instanceof PermissionViolationError) {
        seen.push({ operation: status.error.operation, subject: status.error.subject });
      }
    }
  })();
  return seen;
}

/** Runs `work` for each unit, a few at a time (each opens a TLS connection). */
async function forEachUnit(units: UnitEntry[], work: (unit: UnitEntry) => Promise<void>): Promise<void> {
  for (let i = 0; i < units.length; i += 8) await Promise.all(units.slice(i, i + 8).map(work));
}

const nonAdminUsers = () => natsUsers(registry).filter((u) => !u.admin);

/** `denied` when the server refused the request for want of permission; else how it ended. */
async function outcome(promise: Promise<unknown>): Promise<'answered' | 'denied' | 'failed'> {
  return promise.then(
    () => 'answered' as const,
    (error: unknown) => {
      const e = error as { cause?: unknown; message?: string };
      const denied =
        error instanceof PermissionViolationError ||
        e?.cause instanceof PermissionViolationError ||
        /permissions violation/i.test(String(e?.message));
      return denied ? ('denied' as const) : ('failed' as const);
    },
  );
}

async function rejects(promise: Promise<unknown>): Promise<boolean> {
  return promise.then(
    () => false,
    () => true,
  );
}

function simpul(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'libs', 'cli', 'bin', 'simpul.js'), 'agency', ...args],
    {
      env: process.env,
      encoding: 'utf8',
    },
  );
}

describe('trust boundaries on the bus', () => {
  it('lets the services work through their own users over TLS (an arrest reaches the checkpoints)', async () => {
    const natsJson = JSON.parse(readFileSync(join(system.stateDir, 'nats.json'), 'utf8')) as Json;
    expect(natsJson.url).toMatch(/^tls:\/\/127\.0\.0\.1:\d+$/);
    expect(natsJson.ca).toBe(system.nats.ca);
    expect(existsSync(unitCredsFile(system.stateDir, 'polda:riau'))).toBe(true);
    expect(readFileSync(unitCredsFile(system.stateDir, 'polda:riau'), 'utf8')).toMatch(/^SU[A-Z2-7]{56}\n$/);

    const body = arrestBody({ runId: 'trust', occurredAt: new Date(Date.now() - 86_400_000) }, randomUUID());
    delete body.interceptionId;
    await api.ok('police', 'polda:riau', 'POST', '/v1/arrests', body);
    await waitFor(
      async () =>
        ((await api.ok('immigration', 'checkpoint:batam-center', 'GET', '/v1/watchlist/status'))
          .entries as number) === 11,
      { timeoutMs: 30_000, description: "the arrest's 11 entries in the checkpoint replica" },
    );
  }, 60_000);

  it('refuses every unit every subject it does not own, and stores nothing', async () => {
    const allSubjects = [...new Set(registry.units.flatMap((u) => u.publish))];
    const before = await storedMessages();
    let attempts = 0;
    await forEachUnit(nonAdminUsers(), async (unit) => {
      const nc = await system.connectAs(unit.id);
      const denied = violations(nc);
      const own = new Set(publishableSubjects(registry, unit));
      const foreign = allSubjects.filter((s) => !own.has(s));
      for (const subject of foreign) nc.publish(subject, JSON.stringify({ id: randomUUID() }));
      attempts += foreign.length;
      await nc.flush();
      await waitFor(async () => denied.length >= foreign.length, {
        timeoutMs: 10_000,
        description: `${unit.id}: ${foreign.length} refusals`,
      });
      expect(denied.map((d) => d.subject).sort()).toEqual([...foreign].sort());
      // Through JetStream too: the publish is refused before anything is stored.
      expect(await outcome(jetstream(nc).publish(foreign[0]!, '{}', { timeout: 3000 }))).toBe('denied');
      await nc.close();
    });
    expect(attempts).toBeGreaterThan(5000);
    expect(await storedMessages()).toEqual(before);
  }, 120_000);

  it('lets each unit read only its own consumers: no other consumer, no new consumer, no direct reads but its own streams by sequence', async () => {
    const { consumers, streams } = topologyForRegistry(registry);
    await forEachUnit(nonAdminUsers(), async (unit) => {
      const nc = await system.connectAs(unit.id);
      const denied = violations(nc);
      for (const { stream, durable } of consumers) {
        const info = nc.request(`$JS.API.CONSUMER.INFO.${stream}.${durable}`, '', { timeout: 3000 });
        const next = nc.request(
          `$JS.API.CONSUMER.MSG.NEXT.${stream}.${durable}`,
          JSON.stringify({ batch: 1, no_wait: true }),
          { timeout: 3000 },
        );
        const own = unit.consumers.includes(durable);
        // Refused for want of permission exactly when the consumer is not the unit's own; the owner's
        // requests are answered or end otherwise (an empty no_wait pull), never by a refusal.
        const results = [await outcome(info), await outcome(next)];
        expect([unit.id, durable, results.map((r) => r === 'denied')]).toEqual([
          unit.id,
          durable,
          [!own, !own],
        ]);
        if (own) expect(results[0]).toBe('answered');
      }
      // The reconciler's one direct read (docs/adr/0010-reconciler-reads-its-streams.md): by
      // sequence, of the streams its own event subjects are stored in; refused for every other.
      const ownStreams = new Set(
        publishableSubjects(registry, unit).map((s) => streamForSubject(streams, s)?.name),
      );
      for (const { name } of streams) {
        const attempts = [
          nc.request(`$JS.API.CONSUMER.CREATE.${name}`, JSON.stringify({ stream_name: name, config: {} }), {
            timeout: 3000,
          }),
          nc.request(`$JS.API.STREAM.MSG.GET.${name}`, JSON.stringify({ seq: 1 }), { timeout: 3000 }),
          nc.request(`$JS.API.DIRECT.GET.${name}`, JSON.stringify({ seq: 1 }), { timeout: 3000 }),
          nc.request(`$JS.API.STREAM.INFO.${name}`, '', { timeout: 3000 }),
        ];
        const expected = ['denied', ownStreams.has(name) ? 'answered' : 'denied', 'denied', 'denied'];
        const results = [];
        for (const attempt of attempts) results.push(await outcome(attempt));
        expect([unit.id, name, results]).toEqual([unit.id, name, expected]);
      }
      // Core subscriptions to event subjects are refused as well (they would see live traffic).
      nc.subscribe('police.>');
      nc.subscribe('ministry.>');
      await nc.flush();
      await waitFor(async () => denied.filter((d) => d.operation === 'subscription').length === 2, {
        timeoutMs: 5000,
        description: `${unit.id}: subscriptions refused`,
      });
      await nc.close();
    });
  }, 180_000);

  it('onboards a new Polda with one command: it may publish its own subjects only, and nobody was disconnected', async () => {
    const result = simpul('add', 'polda', 'papua-selatan', '--name', 'Polda Papua Selatan');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('added polda:papua-selatan');
    expect(result.stdout).toContain('nats-server reloaded');
    expect(result.stdout).toContain(unitCredsFile(system.stateDir, 'polda:papua-selatan'));
    expect(loadRegistry(system.registryFile).units.some((u) => u.id === 'polda:papua-selatan')).toBe(true);

    const nc = await waitFor(async () => system.connectAs('polda:papua-selatan').catch(() => undefined), {
      timeoutMs: 5000,
      description: 'the new unit connects after the reload',
    });
    const js = jetstream(nc);
    const ack = await js.publish('police.papua-selatan.departure.foiled', '{}', { msgID: randomUUID() });
    expect(ack.stream).toBe('POLICE');
    expect(await outcome(js.publish('police.riau.departure.foiled', '{}', { timeout: 3000 }))).toBe('denied');
    await nc.close();

    const tokens = JSON.parse(readFileSync(system.stack.tokensFile, 'utf8')) as Record<string, string>;
    expect(tokens['polda:papua-selatan']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const service of ['police', 'ministry', 'immigration']) {
      const log = readFileSync(join(system.stateDir, 'logs', `${service}.log`), 'utf8');
      expect([service, log.includes('NATS disconnected')]).toEqual([service, false]);
      const health = (await (await fetch(`${system.stack.urls[service as 'police']}/health`)).json()) as Json;
      expect([service, health.status]).toEqual([service, 'ok']);
    }
  }, 60_000);

  it('revokes a unit with one command: its session is closed, it cannot connect again, its token and key are void', async () => {
    const credsFile = unitCredsFile(system.stateDir, 'polda:kalbar');
    const savedCreds = join(system.stateDir, 'kalbar-before-revocation.creds');
    writeFileSync(savedCreds, readFileSync(credsFile), { mode: 0o600 });
    const session = await system.connectAs('polda:kalbar');
    // Any answer but 401 shows the token is accepted (reads may ask for more, e.g. a stated purpose).
    expect((await api.call('police', 'polda:kalbar', 'GET', '/v1/matches')).status).not.toBe(401);

    const result = simpul('revoke', 'polda:kalbar');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(existsSync(credsFile)).toBe(false);

    await waitFor(async () => session.isClosed(), {
      timeoutMs: 10_000,
      description: 'the session is closed',
    });
    expect(await rejects(system.connectAs('polda:kalbar', savedCreds))).toBe(true);
    await waitFor(
      async () => (await api.call('police', 'polda:kalbar', 'GET', '/v1/matches')).status === 401,
      {
        timeoutMs: 5000,
        description: 'the API token is refused',
      },
    );
    const keys = JSON.parse(readFileSync(join(system.stateDir, 'keys', 'registry.json'), 'utf8')) as Json;
    expect((keys.keys as Json[]).some((k) => k.unit === 'polda:kalbar')).toBe(false);
    expect(keys.revokedUnits).toContain('polda:kalbar');
    // Everyone else is unaffected.
    expect((await api.call('police', 'polda:riau', 'GET', '/v1/matches')).status).not.toBe(401);
  }, 60_000);
});
