import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@simpul/bus/testing';
import { buildEvent, checkpointSource, uuidv7, type AnyEvent } from '@simpul/contracts';
import { validFixture } from '@simpul/contracts/testing';
import type { Json } from '../support/api-client.js';
import { atLargeArrestBody } from '../support/arrest-body.js';
import { verifyAuditOf } from '../support/audit-verify.js';
import {
  instanceSettled,
  queryDatabase,
  startFleet,
  type Fleet,
  type Instance,
} from '../support/service-fleet.js';

// Two police deployments on one bus, each on a durable of its own (police-riau-matches,
// police-kepri-matches) and a database of its own; the Riau deployment runs as two instances
// sharing its durable, one of them killed (SIGKILL) mid-stream and restarted. A checkpoint match
// on a Kepri suspect reaches Kepri only, a Riau one Riau only, none is lost, and each is kept
// (and audited) once, duplicates past JetStream's de-duplication included.

const PER_POLDA = 30;
const CHECKPOINTS = ['batam-center', 'dumai'];

let fleet: Fleet;
let riau: { instances: Instance[]; databaseUrl: string };
let kepri: { instances: Instance[]; databaseUrl: string };

beforeAll(async () => {
  fleet = await startFleet({
    name: 'pol_replicas',
    units: ['polda:riau', 'polda:kepri', ...CHECKPOINTS.map((code) => `checkpoint:${code}`)],
    apiUnits: ['polda:riau', 'polda:kepri'],
    policeDeployments: ['riau', 'kepri'],
    ackWaitMs: 3000,
  });
  const deployment = async (code: string, count: number) => {
    const database = await fleet.database('police');
    const env = {
      POLICE_DATABASE_URL: database.url,
      POLICE_UNITS: code,
      POLICE_DEPLOYMENT: `police:${code}`,
    };
    const instances = await Promise.all(Array.from({ length: count }, () => fleet.start('police', env)));
    return { instances, databaseUrl: database.url };
  };
  [riau, kepri] = await Promise.all([deployment('riau', 2), deployment('kepri', 1)]);
}, 120_000);
afterAll(() => fleet?.stop(), 30_000);

/** A checkpoint's match on a person the given Polda reported. */
function matchOn(polda: string, n: number): AnyEvent {
  const checkpoint = CHECKPOINTS[n % CHECKPOINTS.length]!;
  return buildEvent(
    'immigration.screening.matched.v1',
    {
      ...validFixture('immigration.screening.matched.v1').data,
      screeningId: uuidv7(),
      checkpoint,
      origin: { unit: `polda:${polda}`, eventId: uuidv7(), personId: uuidv7() },
    },
    { source: checkpointSource(checkpoint) },
  );
}

/** Event ids of the matches a deployment's unit lists (GET /v1/matches), sorted. */
async function listed(instance: Instance, unit: string): Promise<string[]> {
  const res = await fleet.api(instance, unit, 'GET', '/v1/matches');
  expect(res.status).toBe(200);
  return (res.body.matches as Json[]).map((m) => m.eventId as string).sort();
}

const ids = (events: AnyEvent[]) => events.map((e) => e.id).sort();

describe('two police deployments, one of them as two instances', () => {
  it('give each Polda its own matches, each once, none lost', async () => {
    const ofRiau = Array.from({ length: PER_POLDA }, (_, n) => matchOn('riau', n));
    const ofKepri = Array.from({ length: PER_POLDA }, (_, n) => matchOn('kepri', n));
    // A Polda neither deployment serves: both read it and keep nothing.
    const ofJambi = Array.from({ length: 4 }, (_, n) => matchOn('jambi', n));

    const crash = riau.instances[1]!;
    const killed = (async () => {
      await waitFor(
        async () =>
          (await fleet.probe.jsm.consumers.info('IMMIGRATION', 'police-riau-matches')).num_ack_pending > 0,
        { intervalMs: 2, description: 'matches in flight at the Riau deployment' },
      );
      await crash.kill('SIGKILL');
      await crash.restart();
    })();
    // Interleaved, as checkpoints' matches arrive.
    for (let n = 0; n < PER_POLDA; n++) {
      await fleet.publish(ofKepri[n]!);
      await fleet.publish(ofRiau[n]!);
      if (n < ofJambi.length) await fleet.publish(ofJambi[n]!);
    }
    await killed;
    // Copies of a third under new message ids: JetStream stores them again, the inboxes drop them.
    for (const event of [...ofRiau, ...ofKepri].filter((_, n) => n % 3 === 0)) {
      await fleet.publish(event, uuidv7());
    }
    const all = [...riau.instances, ...kepri.instances];
    await waitFor(async () => (await Promise.all(all.map(instanceSettled))).every(Boolean), {
      timeoutMs: 60_000,
      description: 'both police durables applied every match',
    });

    // The killed instance held deliveries: they came back to an instance after ack wait, and still
    // count once. Every delivery takes a consumer sequence, so those beyond the stream's are redeliveries.
    const { delivered } = await fleet.probe.jsm.consumers.info('IMMIGRATION', 'police-riau-matches');
    expect(delivered.consumer_seq).toBeGreaterThan(delivered.stream_seq);
    // Each deployment holds exactly its Polda's matches: both Riau instances list the same ones.
    for (const instance of riau.instances) expect(await listed(instance, 'polda:riau')).toEqual(ids(ofRiau));
    expect(await listed(kepri.instances[0]!, 'polda:kepri')).toEqual(ids(ofKepri));
    const kept = async (databaseUrl: string) =>
      (
        await queryDatabase(
          databaseUrl,
          `SELECT origin_unit, count(*)::int AS n FROM matches GROUP BY origin_unit`,
        )
      ).map((r) => `${r.origin_unit} ${r.n}`);
    expect(await kept(riau.databaseUrl)).toEqual([`polda:riau ${PER_POLDA}`]);
    expect(await kept(kepri.databaseUrl)).toEqual([`polda:kepri ${PER_POLDA}`]);

    // Each kept match processed once in the audit chain, and the chain unforked.
    for (const [deployment, events] of [
      [riau, ofRiau],
      [kepri, ofKepri],
    ] as const) {
      const recorded = await queryDatabase(
        deployment.databaseUrl,
        `SELECT record_id FROM audit_log WHERE action = 'screening_match.recorded' ORDER BY record_id`,
      );
      expect(recorded.map((r) => r.record_id)).toEqual(ids(events));
      expect(verifyAuditOf(deployment.databaseUrl)).toMatchObject({ intact: true, problems: [] });
    }
  }, 120_000);

  it('record an arrest posted to both instances of a deployment under one Idempotency-Key once', async () => {
    const person = { fullName: 'Bambang Sutrisno', dateOfBirth: '1980-02-03', sex: 'M' } as const;
    const body = atLargeArrestBody('riau', person, 88);
    const answers = await Promise.all(
      riau.instances.map((instance) =>
        fleet.api(instance, 'polda:riau', 'POST', '/v1/arrests', body, { 'idempotency-key': 'arrest-88' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(answers[1]!.body).toEqual(answers[0]!.body);
    await waitFor(async () => (await Promise.all(riau.instances.map(instanceSettled))).every(Boolean), {
      description: 'the arrest published',
    });
    const stream = await fleet.probe.jsm.streams.info('POLICE', { subjects_filter: '>' });
    expect(stream.state.subjects).toEqual({ 'police.riau.arrest.recorded': 1 });
    const arrests = await queryDatabase(riau.databaseUrl, `SELECT count(*)::int AS n FROM arrests`);
    expect(arrests[0]!.n).toBe(1);
  }, 60_000);
});
