import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BusConnection, silentLogger } from '@simpul/bus';
import { waitFor } from '@simpul/bus/testing';
import {
  arrestBody,
  brokerAtBatamBody,
  foiledDepartureBody,
} from '../../deploy/local/src/demo/reference-scenario.js';
import { apiClient, type ApiClient, type Json } from '../support/api-client.js';
import { startTestSystem, type TestSystem } from '../support/local-system.js';

// The ministry process dies (SIGKILL) while it applies the interception of the reference scenario;
// restarted, it finishes the scenario with nothing lost and nothing applied twice.
let system: TestSystem;
let api: ApiClient;
let probe: BusConnection;

beforeAll(async () => {
  system = await startTestSystem('crash');
  api = apiClient(system);
  probe = await BusConnection.connect({ servers: system.nats.url, name: 'e2e-crash', logger: silentLogger });
}, 120_000);
afterAll(async () => {
  await probe?.drain();
  await system?.stop();
}, 30_000);

/** The ministry's durable on police events, as the server sees it. */
const ministryPolice = () => probe.jsm.consumers.info('POLICE', 'ministry-police');

/** Every service connected to NATS, its outbox empty and each of its consumers caught up (its /health). */
async function quiescent(): Promise<void> {
  await waitFor(
    async () => {
      for (const service of ['police', 'ministry', 'immigration'] as const) {
        const health = (await (await fetch(`${system.stack.urls[service]}/health`)).json()) as Json;
        const nats = health.checks?.nats;
        if (nats?.status !== 'up' || nats.outboxBacklog !== 0) return false;
        for (const lag of Object.values((nats.consumers ?? {}) as Record<string, Json>)) {
          if (lag.pending !== 0 || lag.ackPending !== 0) return false;
        }
      }
      return true;
    },
    { timeoutMs: 20_000, description: 'every outbox empty and every consumer caught up' },
  );
}

describe('the ministry killed mid-scenario', () => {
  it('loses nothing and duplicates nothing once restarted', async () => {
    const run = { runId: 'crash', occurredAt: new Date(Date.now() - 7 * 86_400_000) };
    const interception = await api.ok(
      'police',
      'polda:riau',
      'POST',
      '/v1/interceptions',
      foiledDepartureBody(run),
    );

    // The interception delivered to the ministry and not acknowledged yet: it is being applied (its
    // 58 protective entries, case, alert and company take a few hundred ms in one transaction).
    await waitFor(async () => (await ministryPolice()).num_ack_pending > 0, {
      intervalMs: 1,
      description: 'the interception in flight at the ministry',
    });
    await system.stack.restartService('ministry', { signal: 'SIGKILL' });
    // Killed before it acknowledged: the server still holds the delivery (redelivered after ack wait).
    const afterCrash = await ministryPolice();
    expect(afterCrash.num_ack_pending + afterCrash.num_pending).toBeGreaterThan(0);
    expect(afterCrash.ack_floor.stream_seq).toBe(0);

    // The rest of the scenario, through the restarted ministry.
    const arrest = await api.ok(
      'police',
      'polda:riau',
      'POST',
      '/v1/arrests',
      arrestBody(run, interception.id),
    );
    const ours = (alerts: Json[]) =>
      alerts.filter((a) =>
        (a.sourceEventIds as string[]).some((id) => id === interception.eventId || id === arrest.eventId),
      );
    await waitFor(
      async () => {
        const alerts = (await api.ok('ministry', 'ministry:desk', 'GET', '/v1/alerts')).alerts as Json[];
        return ours(alerts).length >= 2;
      },
      { timeoutMs: 60_000, description: 'the interception and arrest alerts (after redelivery)' },
    );
    await waitFor(
      async () => {
        const s = await api.ok('immigration', 'checkpoint:batam-center', 'GET', '/v1/watchlist/status');
        return s.entries >= 58 + 11;
      },
      { timeoutMs: 30_000, description: 'the entries at the checkpoints' },
    );
    const screening = await api.ok(
      'immigration',
      'checkpoint:batam-center',
      'POST',
      '/v1/screenings',
      brokerAtBatamBody(),
    );
    expect(screening.decision).toBe('deny');
    await api.ok(
      'immigration',
      'checkpoint:batam-center',
      'POST',
      `/v1/screenings/${screening.screeningId}/outcome`,
      {
        outcome: 'departure_delayed',
        officer: 'NIP-198001012005011001',
      },
    );
    await waitFor(
      async () => {
        const matches = (await api.ok('police', 'polda:riau', 'GET', '/v1/matches')).matches as Json[];
        return matches.some((m) => m.screeningId === screening.screeningId);
      },
      { timeoutMs: 20_000, description: 'the match at Polda Riau' },
    );
    await quiescent();

    // Exactly once: entries, alerts and the prevented-departures figure.
    const status = await api.ok('immigration', 'checkpoint:batam-center', 'GET', '/v1/watchlist/status');
    expect(status.entries).toBe(58 + 11);
    const entries = (await api.ok('ministry', 'ministry:desk', 'GET', '/v1/watchlist?limit=5000'))
      .entries as Json[];
    const origins = entries.map((e) => e.origin?.eventId);
    expect(origins.filter((id) => id === interception.eventId)).toHaveLength(58);
    expect(origins.filter((id) => id === arrest.eventId)).toHaveLength(11);
    expect(entries).toHaveLength(58 + 11);
    const alerts = (await api.ok('ministry', 'ministry:desk', 'GET', '/v1/alerts')).alerts as Json[];
    const kinds = alerts.map((a) => a.kind as string);
    expect(kinds.filter((k) => k === 'interception')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'arrest')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'departure_delayed')).toHaveLength(1);
    const byPolda = await api.ok(
      'ministry',
      'ministry:desk',
      'GET',
      '/v1/stats/prevented-departures?groupBy=polda',
    );
    expect((byPolda.groups as Json[]).find((g) => g.key === 'riau')).toEqual({
      key: 'riau',
      prevented: 58,
      eventIds: [interception.eventId],
    });
  }, 120_000);
});
