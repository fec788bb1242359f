import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { BusConnection, KeyRing, silentLogger } from '@simpul/bus';
import { publishSignedEvent, waitFor } from '@simpul/bus/testing';
import { buildEvent, checkpointSource, uuidv7 } from '@simpul/contracts';
import { nikFor } from '../../deploy/local/src/demo/reference-scenario.js';
import { apiClient, type ApiClient, type Json } from '../support/api-client.js';
import { startTestSystem, type TestSystem } from '../support/local-system.js';

// A delay at Batam Center makes the traveller `refer` at Dumai while it holds, and `clear` once it
// has expired. Expiry without a clock: Batam's own delay event, signed with its dev key, published
// with a validUntil already past, next to a control event identical but for a validUntil ahead.
const DAY = 86_400_000;
const DELAYS_DURABLE = 'immigration-local-delays';
let system: TestSystem;
let api: ApiClient;
let probe: BusConnection;

beforeAll(async () => {
  system = await startTestSystem('delay');
  api = apiClient(system);
  probe = await BusConnection.connect({ servers: system.nats.url, name: 'e2e-delay', logger: silentLogger });
}, 120_000);
afterAll(async () => {
  await probe?.drain();
  await system?.stop();
}, 30_000);

/** Invented travellers on no watchlist, distinct in NIK, passport and name + date of birth. */
const traveler = (n: number) => {
  const dateOfBirth = `1999-0${n + 1}-1${n + 5}`;
  return {
    fullName: ['Wulan Permata', 'Sri Handayani', 'Ayu Lestari'][n]!,
    nik: nikFor(dateOfBirth, 'F', 700 + n),
    dateOfBirth,
    sex: 'F',
    passportNumber: `E${n + 1}234567`,
  };
};

async function screen(checkpoint: string, person: unknown): Promise<Json> {
  return api.ok('immigration', `checkpoint:${checkpoint}`, 'POST', '/v1/screenings', {
    checkpoint,
    traveler: person,
    travel: { destinationCountry: 'MYS', statedPurpose: 'tourism' },
  });
}

/**
 * Waits until the immigration service has applied every delay event in the stream: its outbox is
 * empty (its own delays are published) and its delays durable has nothing pending or unacknowledged
 * (a message is acknowledged only after its transaction committed), as its /health reports.
 */
async function delaysApplied(): Promise<void> {
  await waitFor(
    async () => {
      const health = (await (await fetch(`${system.stack.urls.immigration}/health`)).json()) as Json;
      const nats = health.checks?.nats;
      const lag = nats?.consumers?.[DELAYS_DURABLE];
      return nats?.outboxBacklog === 0 && lag?.pending === 0 && lag?.ackPending === 0;
    },
    { timeoutMs: 20_000, description: `${DELAYS_DURABLE} caught up` },
  );
}

describe('a departure delay at Batam Center', () => {
  it('makes the same traveller refer at Dumai while it is valid', async () => {
    const first = await screen('batam-center', traveler(0));
    expect(first.decision).toBe('clear');
    const outcome = await api.call(
      'immigration',
      'checkpoint:batam-center',
      'POST',
      `/v1/screenings/${first.screeningId}/outcome`,
      { outcome: 'departure_delayed', officer: 'NIP-198001012005011001', reason: 'non_procedural_worker' },
    );
    expect(outcome.status).toBe(201);
    expect(Date.parse(outcome.body.validUntil)).toBeGreaterThan(Date.now() + 29 * DAY);

    await delaysApplied();
    const atDumai = await screen('dumai', traveler(0));
    expect(atDumai).toMatchObject({
      decision: 'refer',
      matches: [],
      reasons: ['departure_delayed_elsewhere'],
      delaysElsewhere: [
        { delayId: outcome.body.delayId, checkpoint: 'batam-center', validUntil: outcome.body.validUntil },
      ],
    });
  }, 60_000);

  it('lets a traveller whose delay has expired leave from Dumai, and still refers one whose delay holds', async () => {
    const keys = KeyRing.fromDirectory(join(system.stateDir, 'keys'));
    const batamKey = keys.keyFor(checkpointSource('batam-center'));
    expect(batamKey).toBeDefined();
    const now = Date.now();
    const delay = (person: Json, occurredAt: number, validUntil: number) =>
      buildEvent(
        'immigration.departure.delayed.v1',
        {
          delayId: uuidv7(),
          checkpoint: 'batam-center',
          occurredAt: new Date(occurredAt).toISOString(),
          traveler: person as never,
          reason: 'non_procedural_worker',
          validUntil: new Date(validUntil).toISOString(),
        },
        { source: checkpointSource('batam-center'), time: new Date(occurredAt) },
      );
    const expired = delay(traveler(1), now - 10 * DAY, now - DAY);
    const current = delay(traveler(2), now - DAY, now + 5 * DAY);
    for (const event of [expired, current]) await publishSignedEvent(probe.js, event, batamKey!);

    await delaysApplied();
    // Nothing was refused (a dead-lettered expired delay would also leave the traveller clear).
    expect((await probe.jsm.streams.info('DEAD_LETTERS')).state.messages).toBe(0);

    const expiredAtDumai = await screen('dumai', traveler(1));
    expect(expiredAtDumai).toMatchObject({ decision: 'clear', reasons: [], delaysElsewhere: [] });
    const currentAtDumai = await screen('dumai', traveler(2));
    expect(currentAtDumai).toMatchObject({
      decision: 'refer',
      reasons: ['departure_delayed_elsewhere'],
      delaysElsewhere: [{ delayId: current.data.delayId, checkpoint: 'batam-center' }],
    });
  }, 60_000);
});
