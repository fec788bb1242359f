import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@simpul/bus/testing';
import { checkpointSource, MINISTRY_SOURCE, poldaSource, type Person } from '@simpul/contracts';
import { fixtureNik } from '@simpul/contracts/testing';
import type { Json } from '../support/api-client.js';
import {
  instanceSettled,
  queryDatabase,
  startFleet,
  type Fleet,
  type Instance,
} from '../support/service-fleet.js';

// The national shape on one machine, every service as replicas: two ministry instances, two
// immigration instances of site batam, the Riau police deployment as two instances and the Kepri
// one as one. An arrest recorded at each Polda travels police → ministry → checkpoint and back:
// the checkpoint's match on the Kepri fugitive reaches the Kepri deployment only, the Riau one
// Riau only, whichever instance of each service handled each step.

const SITE = 'batam';
const CHECKPOINT = 'batam-center';

let fleet: Fleet;
let ministry: Instance[];
let immigration: Instance[];
let riau: { instances: Instance[]; databaseUrl: string };
let kepri: { instances: Instance[]; databaseUrl: string };

beforeAll(async () => {
  fleet = await startFleet({
    name: 'nat_replicas',
    units: [
      { unit: 'ministry:service', source: MINISTRY_SOURCE },
      { unit: 'polda:riau', source: poldaSource('riau') },
      { unit: 'polda:kepri', source: poldaSource('kepri') },
      { unit: 'checkpoint:batam-center', source: checkpointSource('batam-center') },
      { unit: 'checkpoint:harbour-bay', source: checkpointSource('harbour-bay') },
    ],
    apiUnits: ['polda:riau', 'polda:kepri', 'ministry:desk', `checkpoint:${CHECKPOINT}`],
    sites: [SITE],
    policeDeployments: ['riau', 'kepri'],
  });
  const [ministryDb, immigrationDb, riauDb, kepriDb] = await Promise.all([
    fleet.database('ministry'),
    fleet.database('immigration'),
    fleet.database('police'),
    fleet.database('police'),
  ]);
  const times = (count: number, start: () => Promise<Instance>) =>
    Promise.all(Array.from({ length: count }, start));
  const police = (code: string, url: string) => ({
    POLICE_DATABASE_URL: url,
    POLICE_UNITS: code,
    POLICE_DEPLOYMENT: `police:${code}`,
  });
  const immigrationEnv = {
    IMMIGRATION_DATABASE_URL: immigrationDb.url,
    IMMIGRATION_SITE: SITE,
    IMMIGRATION_CHECKPOINTS: 'batam-center,harbour-bay',
  };
  let riauInstances: Instance[];
  let kepriInstances: Instance[];
  [ministry, immigration, riauInstances, kepriInstances] = await Promise.all([
    times(2, () => fleet.start('ministry', { MINISTRY_DATABASE_URL: ministryDb.url })),
    times(2, () => fleet.start('immigration', immigrationEnv)),
    times(2, () => fleet.start('police', police('riau', riauDb.url))),
    times(1, () => fleet.start('police', police('kepri', kepriDb.url))),
  ]);
  riau = { instances: riauInstances, databaseUrl: riauDb.url };
  kepri = { instances: kepriInstances, databaseUrl: kepriDb.url };
}, 90_000);
afterAll(() => fleet?.stop(), 30_000);

function fugitive(name: string, serial: number, region: string): Person {
  const dateOfBirth = '1981-05-17';
  return { fullName: name, nik: fixtureNik(dateOfBirth, 'M', serial, region), dateOfBirth, sex: 'M' };
}

/** POST /v1/arrests body: one suspect at large (a dpo entry, deny at checkpoints). */
function arrestBody(polda: string, person: Person): Json {
  return {
    reportNumber: `LP/B/77/X/2026/SPKT/POLDA ${polda.toUpperCase()}`,
    polda,
    occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
    location: { name: 'Pelabuhan', regency: 'Kota Batam', province: 'Kepulauan Riau' },
    suspects: [{ person, status: 'at_large', role: 'broker' }],
  };
}

async function matchesOf(instance: Instance, unit: string): Promise<Json[]> {
  const res = await fleet.api(instance, unit, 'GET', '/v1/matches');
  expect(res.status).toBe(200);
  return res.body.matches as Json[];
}

describe('every service as replicas', () => {
  it('brings each checkpoint match back to the deployment of the Polda that reported the person', async () => {
    const riauFugitive = fugitive('Hendra Gunawan', 41, '147201');
    const kepriFugitive = fugitive('Ahmad Fauzi', 42, '217101');
    const riauArrest = await fleet.api(
      riau.instances[1]!,
      'polda:riau',
      'POST',
      '/v1/arrests',
      arrestBody('riau', riauFugitive),
    );
    const kepriArrest = await fleet.api(
      kepri.instances[0]!,
      'polda:kepri',
      'POST',
      '/v1/arrests',
      arrestBody('kepri', kepriFugitive),
    );
    expect([riauArrest.status, kepriArrest.status]).toEqual([201, 201]);

    // Both dpo entries in both checkpoint instances' indexes, whichever ministry and immigration
    // instance carried them.
    await waitFor(
      async () => {
        for (const instance of immigration) {
          const status = await fleet.api(instance, `checkpoint:${CHECKPOINT}`, 'GET', '/v1/watchlist/status');
          if (status.body.entries !== 2 || status.body.index?.pendingChanges !== 0) return false;
        }
        return true;
      },
      { timeoutMs: 30_000, description: 'both entries screened by both immigration instances' },
    );
    const screened = await Promise.all(
      [riauFugitive, kepriFugitive].map((traveler, n) =>
        fleet.api(immigration[n]!, `checkpoint:${CHECKPOINT}`, 'POST', '/v1/screenings', {
          checkpoint: CHECKPOINT,
          traveler,
        }),
      ),
    );
    expect(screened.map((s) => s.body.decision)).toEqual(['deny', 'deny']);

    const all = [...ministry, ...immigration, ...riau.instances, ...kepri.instances];
    await waitFor(
      async () =>
        (await matchesOf(riau.instances[0]!, 'polda:riau')).length === 1 &&
        (await matchesOf(kepri.instances[0]!, 'polda:kepri')).length === 1 &&
        (await Promise.all(all.map(instanceSettled))).every(Boolean),
      { timeoutMs: 30_000, description: 'each match at its Polda, every service settled' },
    );

    const [riauMatch] = await matchesOf(riau.instances[0]!, 'polda:riau');
    expect(riauMatch).toMatchObject({
      screeningId: screened[0]!.body.screeningId,
      origin: { unit: 'polda:riau', eventId: riauArrest.body.eventId },
    });
    expect(await matchesOf(riau.instances[1]!, 'polda:riau')).toEqual([riauMatch]);
    const [kepriMatch] = await matchesOf(kepri.instances[0]!, 'polda:kepri');
    expect(kepriMatch).toMatchObject({
      screeningId: screened[1]!.body.screeningId,
      origin: { unit: 'polda:kepri', eventId: kepriArrest.body.eventId },
    });
    // Nothing of the other Polda in either deployment's database.
    for (const [deployment, unit] of [
      [riau, 'polda:riau'],
      [kepri, 'polda:kepri'],
    ] as const) {
      const kept = await queryDatabase(deployment.databaseUrl, `SELECT origin_unit FROM matches`);
      expect(kept.map((r) => r.origin_unit)).toEqual([unit]);
    }

    // The ministry saw each step once: two arrests, two matches.
    const alerts = await fleet.api(ministry[1]!, 'ministry:desk', 'GET', '/v1/alerts');
    expect((alerts.body.alerts as Json[]).map((a) => a.kind).sort()).toEqual([
      'arrest',
      'arrest',
      'watchlist_match',
      'watchlist_match',
    ]);
  }, 90_000);
});
