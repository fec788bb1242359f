import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@simpul/bus/testing';
import type { Person } from '@simpul/contracts';
import { fixtureNik } from '@simpul/contracts/testing';
import type { Json } from '../support/api-client.js';
import { atLargeArrestBody } from '../support/arrest-body.js';
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
      'ministry:service',
      'polda:riau',
      'polda:kepri',
      'checkpoint:batam-center',
      'checkpoint:harbour-bay',
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
}, 120_000);
afterAll(() => fleet?.stop(), 30_000);

function fugitive(name: string, serial: number, region: string): Person {
  const dateOfBirth = '1981-05-17';
  return { fullName: name, nik: fixtureNik(dateOfBirth, 'M', serial, region), dateOfBirth, sex: 'M' };
}

/** POST /v1/arrests at `instance` as the Polda. */
function recordArrest(instance: Instance, polda: string, person: Person) {
  return fleet.api(instance, `polda:${polda}`, 'POST', '/v1/arrests', atLargeArrestBody(polda, person));
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
    const [riauArrest, kepriArrest] = await Promise.all([
      recordArrest(riau.instances[1]!, 'riau', riauFugitive),
      recordArrest(kepri.instances[0]!, 'kepri', kepriFugitive),
    ]);
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
      { timeoutMs: 60_000, description: 'both entries screened by both immigration instances' },
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
      { timeoutMs: 60_000, description: 'each match at its Polda, every service settled' },
    );

    // Each deployment, every instance of it, holds its Polda's match and nothing of the other's.
    const flows = [
      { deployment: riau, unit: 'polda:riau', arrest: riauArrest, screening: screened[0]! },
      { deployment: kepri, unit: 'polda:kepri', arrest: kepriArrest, screening: screened[1]! },
    ];
    for (const { deployment, unit, arrest, screening } of flows) {
      for (const instance of deployment.instances) {
        const matches = await matchesOf(instance, unit);
        expect(matches).toHaveLength(1);
        expect(matches[0]).toMatchObject({
          screeningId: screening.body.screeningId,
          origin: { unit, eventId: arrest.body.eventId },
        });
      }
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
  }, 120_000);
});
