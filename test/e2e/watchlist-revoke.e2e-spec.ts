import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { waitFor } from '@simpul/bus/testing';
import { arrestBody, brokerAtBatamBody } from '../../deploy/local/src/demo/reference-scenario.js';
import { apiClient, type ApiClient, type Json } from '../support/api-client.js';
import { startTestSystem, type TestSystem } from '../support/local-system.js';

// A revoke at the ministry desk reaches every checkpoint: black box over the three HTTP APIs.
const CHECKPOINTS = ['batam-center', 'dumai', 'nunukan', 'soekarno-hatta'] as const;
let system: TestSystem;
let api: ApiClient;

beforeAll(async () => {
  system = await startTestSystem('revoke');
  api = apiClient(system);
}, 120_000);
afterAll(() => system?.stop(), 30_000);

async function screen(checkpoint: string, traveler: unknown): Promise<Json> {
  // Each checkpoint screens with its own unit's token.
  return api.ok('immigration', `checkpoint:${checkpoint}`, 'POST', '/v1/screenings', {
    checkpoint,
    traveler,
    travel: { destinationCountry: 'MYS', statedPurpose: 'tourism' },
  });
}

async function replicaEntries(): Promise<number> {
  const status = await api.ok('immigration', 'checkpoint:batam-center', 'GET', '/v1/watchlist/status');
  return status.entries as number;
}

describe('a watchlist revoke', () => {
  it('turns deny and refer into clear at every checkpoint, and only for the revoked entries', async () => {
    const body = arrestBody({ runId: 'revoke', occurredAt: new Date(Date.now() - 86_400_000) }, randomUUID());
    delete body.interceptionId; // an arrest on its own
    const arrest = await api.ok('police', 'polda:riau', 'POST', '/v1/arrests', body);

    // The ministry issues one entry per suspect (dpo/deny for those at large, advisory/refer else).
    const entries = await waitFor(
      async () => {
        const list = (await api.ok('ministry', 'ministry:desk', 'GET', '/v1/watchlist?limit=5000'))
          .entries as Json[];
        const ours = list.filter((e) => e.origin?.eventId === arrest.eventId);
        return ours.length === 11 ? ours : undefined;
      },
      { timeoutMs: 20_000, description: "the ministry's 11 entries for the arrest" },
    );
    const byName = (name: string) => entries.find((e) => e.person.fullName === name)!;
    const broker = byName('Djoko Soesanto');
    const coordinator = byName('Hasan Basri');
    const transporter = byName('Amir Lubis');
    expect([broker.legalType, broker.action]).toEqual(['dpo', 'deny_departure']);
    expect([coordinator.legalType, coordinator.action]).toEqual(['advisory', 'refer']);
    await waitFor(async () => (await replicaEntries()) === 11, {
      timeoutMs: 20_000,
      description: 'the 11 entries in the checkpoint replica',
    });

    const brokerTraveler = (brokerAtBatamBody() as { traveler: Json }).traveler; // modern spelling
    for (const checkpoint of CHECKPOINTS) {
      const b = await screen(checkpoint, brokerTraveler);
      expect([checkpoint, b.decision, b.matches.map((m: Json) => m.entryId)]).toEqual([
        checkpoint,
        'deny',
        [broker.entryId],
      ]);
      const c = await screen(checkpoint, coordinator.person);
      expect([checkpoint, c.decision, c.matches.map((m: Json) => m.entryId)]).toEqual([
        checkpoint,
        'refer',
        [coordinator.entryId],
      ]);
    }

    for (const entry of [broker, coordinator]) {
      const revoked = await api.call(
        'ministry',
        'ministry:desk',
        'POST',
        `/v1/watchlist/${entry.entryId}/revoke`,
        { reason: 'Putusan praperadilan: penangkapan tidak sah' },
      );
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ id: entry.entryId, version: entry.version + 1 });
    }
    const revokedAtDesk = (await api.ok('ministry', 'ministry:desk', 'GET', '/v1/watchlist?status=revoked'))
      .entries as Json[];
    expect(revokedAtDesk.map((e) => e.entryId).sort()).toEqual([broker.entryId, coordinator.entryId].sort());

    await waitFor(async () => (await replicaEntries()) === 9, {
      timeoutMs: 20_000,
      description: 'the two revokes applied by the checkpoint replica',
    });
    for (const checkpoint of CHECKPOINTS) {
      const b = await screen(checkpoint, brokerTraveler);
      expect([checkpoint, b.decision, b.matches]).toEqual([checkpoint, 'clear', []]);
      const c = await screen(checkpoint, coordinator.person);
      expect([checkpoint, c.decision, c.matches]).toEqual([checkpoint, 'clear', []]);
      // An entry that was not revoked still refers.
      const t = await screen(checkpoint, transporter.person);
      expect([checkpoint, t.decision, t.matches.map((m: Json) => m.entryId)]).toEqual([
        checkpoint,
        'refer',
        [transporter.entryId],
      ]);
    }
  }, 90_000);
});
