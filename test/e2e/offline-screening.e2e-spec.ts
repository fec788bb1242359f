import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { waitFor } from '@simpul/bus/testing';
import {
  arrestBody,
  brokerAtBatamBody,
  foiledDepartureBody,
} from '../../deploy/local/src/demo/reference-scenario.js';
import { apiClient, type ApiClient, type Json } from '../support/api-client.js';
import { startTestSystem, type TestSystem } from '../support/local-system.js';

// A checkpoint keeps screening from its replica while NATS is down, says so, and catches up after.
let system: TestSystem;
let api: ApiClient;

beforeAll(async () => {
  system = await startTestSystem('offline');
  api = apiClient(system);
}, 120_000);
afterAll(() => system?.stop(), 30_000);

const status = () => api.ok('immigration', 'checkpoint:batam-center', 'GET', '/v1/watchlist/status');
const screenAtBatam = (traveler: unknown) =>
  api.call('immigration', 'checkpoint:batam-center', 'POST', '/v1/screenings', {
    checkpoint: 'batam-center',
    traveler,
  });

describe('screening while NATS is stopped', () => {
  it('answers from the replica, reports NATS unreachable, and receives police events again after NATS returns', async () => {
    const run = { runId: 'offline', occurredAt: new Date(Date.now() - 86_400_000) };
    const arrest = await api.ok('police', 'polda:riau', 'POST', '/v1/arrests', arrestBody(run, randomUUID()));
    const online = await waitFor(
      async () => {
        const s = await status();
        return s.entries === 11 && s.consumerPending === 0 ? s : undefined;
      },
      { timeoutMs: 20_000, description: "the arrest's 11 entries replicated" },
    );
    expect(online.lagSeconds).toBe(0);
    const entries = (await api.ok('ministry', 'ministry:desk', 'GET', '/v1/watchlist?limit=5000'))
      .entries as Json[];
    const coordinator = entries.find(
      (e) => e.origin?.eventId === arrest.eventId && e.person.fullName === 'Hasan Basri',
    )!;
    const broker = (brokerAtBatamBody() as { traveler: Json }).traveler;

    await system.nats.kill();
    const offline = await waitFor(
      async () => {
        const s = await status();
        return s.consumerPending === null ? s : undefined;
      },
      { description: 'the status reporting NATS unreachable' },
    );
    expect(offline).toMatchObject({
      entries: 11,
      lastSequence: online.lastSequence,
      lastAppliedAt: online.lastAppliedAt,
      consumerPending: null,
    });
    expect(offline.lagSeconds).toEqual(expect.any(Number)); // seconds since the last applied event

    const denied = await screenAtBatam(broker);
    expect(denied.status).toBe(201);
    expect(denied.body).toMatchObject({
      decision: 'deny',
      matches: [{ legalType: 'dpo', action: 'deny_departure' }],
      watchlist: { sequence: online.lastSequence, asOf: online.lastAppliedAt },
    });
    const referred = await screenAtBatam(coordinator.person);
    expect(referred.status).toBe(201);
    expect(referred.body).toMatchObject({ decision: 'refer', matches: [{ entryId: coordinator.entryId }] });
    const candidate = (foiledDepartureBody(run).candidates as Json[])[10]!.person;
    const cleared = await screenAtBatam(candidate);
    expect(cleared.status).toBe(201);
    expect(cleared.body).toMatchObject({ decision: 'clear', matches: [] });
    expect(system.nats.isRunning()).toBe(false);

    await system.nats.restart();
    await api.ok('police', 'polda:riau', 'POST', '/v1/interceptions', foiledDepartureBody(run));
    const back = await waitFor(
      async () => {
        const s = await status();
        return s.entries === 11 + 58 && s.consumerPending === 0 ? s : undefined;
      },
      { timeoutMs: 30_000, description: "the interception's 58 protective entries replicated" },
    );
    expect(back.lastSequence).toBeGreaterThan(online.lastSequence);
    const protectedNow = await screenAtBatam(candidate);
    expect(protectedNow.body).toMatchObject({ decision: 'refer', matches: [{ legalType: 'protective' }] });
  }, 90_000);
});
