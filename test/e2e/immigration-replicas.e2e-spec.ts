import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@simpul/bus/testing';
import {
  buildEvent,
  checkpointSource,
  MINISTRY_SOURCE,
  uuidv7,
  type AnyEvent,
  type Person,
} from '@simpul/contracts';
import { fixtureNik } from '@simpul/contracts/testing';
import type { Json } from '../support/api-client.js';
import { verifyAuditOf } from '../support/audit-verify.js';
import {
  instanceSettled,
  queryDatabase,
  startFleet,
  type Fleet,
  type Instance,
} from '../support/service-fleet.js';

// Two immigration instances of one site (one database, one IMMIGRATION_SITE, the shared durables
// immigration-batam-watchlist and immigration-batam-delays): whichever instance applied an entry,
// a revocation or a delay elsewhere, both screen every traveller alike, once the replica table's
// change feed has reached each instance's in-memory index.

const DAY = 86_400_000;
const SITE = 'batam';
const CHECKPOINT = 'batam-center';
/** The site's other checkpoint. */
const NEIGHBOUR = 'harbour-bay';
const ENTRIES = 24;
const NOW = Date.now();
const LEGAL: Array<{ legalType: string; action: string; days: number }> = [
  { legalType: 'dpo', action: 'deny_departure', days: 120 },
  { legalType: 'cegah', action: 'deny_departure', days: 120 },
  { legalType: 'protective', action: 'refer', days: 60 },
  { legalType: 'advisory', action: 'refer', days: 120 },
];
const GIVEN = ['Siti', 'Budi', 'Dewi', 'Agus', 'Rina', 'Joko', 'Wahyu', 'Andi', 'Sri', 'Eko', 'Nur', 'Yusuf'];
const FAMILY = ['Aminah', 'Santoso', 'Lestari', 'Hidayat', 'Kurniawan', 'Siregar', 'Wijaya', 'Saputra'];

let fleet: Fleet;
let instances: Instance[];
let databaseUrl: string;

function personOf(i: number): Person {
  const sex = i % 2 === 0 ? 'F' : 'M';
  const dateOfBirth = `19${60 + ((i * 7) % 39)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 5) % 28)).padStart(2, '0')}`;
  return {
    fullName: `${GIVEN[i % GIVEN.length]} ${FAMILY[(i * 5 + Math.floor(i / GIVEN.length)) % FAMILY.length]}`,
    nik: fixtureNik(dateOfBirth, sex, 300 + i, '217101'),
    dateOfBirth,
    sex,
  };
}

const entryIds = Array.from({ length: ENTRIES }, () => uuidv7());
/** Entries re-issued as dpo (version 2) right after their issue: two instances may apply the two at once. */
const reissued = (i: number) => i % 6 === 5;
/** Entries the second phase revokes. */
const revoked = (i: number) => i % 3 === 0;

function issued(i: number, version: number): AnyEvent {
  const { legalType, action, days } = version === 1 ? LEGAL[i % LEGAL.length]! : LEGAL[0]!;
  return buildEvent(
    'ministry.watchlist.entry.issued.v1',
    {
      entryId: entryIds[i]!,
      version,
      legalType,
      action,
      person: personOf(i),
      reason: `Replica test entry ${i}.`,
      issuedBy: 'KP2MI desk',
      ...(legalType === 'cegah' ? { decisionNumber: `KEP-${i}/2026` } : {}),
      validFrom: new Date(NOW - DAY).toISOString(),
      validUntil: new Date(NOW - DAY + days * DAY).toISOString(),
    } as never,
    { source: MINISTRY_SOURCE },
  );
}

function revocation(i: number): AnyEvent {
  return buildEvent(
    'ministry.watchlist.entry.revoked.v1',
    {
      entryId: entryIds[i]!,
      version: reissued(i) ? 3 : 2,
      reason: `Revoked in the replica test, entry ${i}.`,
      revokedAt: new Date().toISOString(),
    },
    { source: MINISTRY_SOURCE },
  );
}

/** A traveller delayed at Dumai (another site): a checkpoint here refers them. */
const delayedElsewhere = personOf(90);
const unlisted = personOf(91);
const travelers = [...Array.from({ length: ENTRIES }, (_, i) => personOf(i)), delayedElsewhere, unlisted];

beforeAll(async () => {
  fleet = await startFleet({
    name: 'imm_replicas',
    units: ['ministry:service', 'checkpoint:dumai', 'checkpoint:batam-center', 'checkpoint:harbour-bay'],
    apiUnits: [`checkpoint:${CHECKPOINT}`, `checkpoint:${NEIGHBOUR}`],
    sites: [SITE],
  });
  const database = await fleet.database('immigration');
  databaseUrl = database.url;
  const env = {
    IMMIGRATION_DATABASE_URL: database.url,
    IMMIGRATION_SITE: SITE,
    IMMIGRATION_CHECKPOINTS: 'batam-center,harbour-bay',
  };
  instances = await Promise.all([fleet.start('immigration', env), fleet.start('immigration', env)]);
}, 120_000);
afterAll(() => fleet?.stop(), 30_000);

async function status(instance: Instance): Promise<Json> {
  const res = await fleet.api(instance, `checkpoint:${CHECKPOINT}`, 'GET', '/v1/watchlist/status');
  expect(res.status).toBe(200);
  return res.body;
}

/**
 * Both durables applied everything published (by either instance), then each instance's index
 * has read the change feed up to the table's last change.
 */
async function converged(): Promise<void> {
  await waitFor(async () => (await Promise.all(instances.map(instanceSettled))).every(Boolean), {
    timeoutMs: 60_000,
    description: 'the site durables applied everything',
  });
  const table = Math.max(
    ...(await Promise.all(instances.map(async (i) => (await status(i)).index.tableChange))),
  );
  expect(table).toBeGreaterThan(0);
  await waitFor(
    async () =>
      (await Promise.all(instances.map(status))).every(
        (s) => s.index.lastChange >= table && s.index.pendingChanges === 0,
      ),
    { timeoutMs: 60_000, intervalMs: 50, description: `both indexes at change ${table}` },
  );
}

/** What a screening answers, less what is the instance's own (screening id, stream position). */
function decisionOf(body: Json): Json {
  return {
    decision: body.decision,
    matches: body.matches,
    reasons: body.reasons,
    delaysElsewhere: body.delaysElsewhere,
  };
}

/** `traveler` screened at `checkpoint` on both instances at once: the two answers. */
async function screenAtBoth(traveler: Person, checkpoint = CHECKPOINT): Promise<[Json, Json]> {
  const answers = await Promise.all(
    instances.map((instance) =>
      fleet.api(instance, `checkpoint:${checkpoint}`, 'POST', '/v1/screenings', { checkpoint, traveler }),
    ),
  );
  for (const answer of answers) expect(answer.status).toBe(201);
  return [decisionOf(answers[0]!.body), decisionOf(answers[1]!.body)];
}

/**
 * Every traveller screened at both instances at once, one traveller after the other (a checkpoint's
 * pace, not a load test): the two answers per traveller.
 */
async function screenAll(): Promise<Array<[Json, Json]>> {
  const answers: Array<[Json, Json]> = [];
  for (const traveler of travelers) answers.push(await screenAtBoth(traveler));
  return answers;
}

const ownMatch = (answer: Json, i: number) =>
  (answer.matches as Json[]).find((m) => m.entryId === entryIds[i]);

describe('two immigration instances of one site', () => {
  it('screen identically whichever applied the entries, the re-issues and the delays', async () => {
    for (let i = 0; i < ENTRIES; i++) {
      await fleet.publish(issued(i, 1));
      if (reissued(i)) await fleet.publish(issued(i, 2));
    }
    await fleet.publish(
      buildEvent(
        'immigration.departure.delayed.v1',
        {
          delayId: uuidv7(),
          checkpoint: 'dumai',
          occurredAt: new Date(NOW - 3_600_000).toISOString(),
          traveler: delayedElsewhere,
          reason: 'non_procedural_worker',
          statedPurpose: 'tourism',
          destinationCountry: 'MYS',
          validUntil: new Date(NOW + 20 * DAY).toISOString(),
        },
        { source: checkpointSource('dumai') },
      ),
    );
    await converged();

    const answers = await screenAll();
    for (const [a, b] of answers) expect(b).toEqual(a);
    for (let i = 0; i < ENTRIES; i++) {
      const [a] = answers[i]!;
      const expected = reissued(i) ? LEGAL[0]! : LEGAL[i % LEGAL.length]!;
      expect(ownMatch(a, i)).toMatchObject({
        entryVersion: reissued(i) ? 2 : 1,
        legalType: expected.legalType,
      });
      expect(a.decision).toBe(expected.action === 'deny_departure' ? 'deny' : 'refer');
    }
    const [elsewhere, nobody] = answers.slice(ENTRIES).map(([a]) => a);
    expect(elsewhere).toMatchObject({ decision: 'refer', reasons: ['departure_delayed_elsewhere'] });
    expect(nobody).toMatchObject({ decision: 'clear', matches: [] });
  }, 120_000);

  it('agree once a revocation applied by either has reached both indexes, one killed and restarted meanwhile', async () => {
    const toRevoke = Array.from({ length: ENTRIES }, (_, i) => i).filter(revoked);
    for (const [k, i] of toRevoke.entries()) {
      // Half-way, the second instance dies (SIGKILL): the rest reaches it only through the table.
      if (k === Math.floor(toRevoke.length / 2)) await instances[1]!.kill('SIGKILL');
      await fleet.publish(revocation(i));
    }
    await instances[1]!.restart();
    await converged();

    const answers = await screenAll();
    for (const [a, b] of answers) expect(b).toEqual(a);
    for (let i = 0; i < ENTRIES; i++) {
      const [a] = answers[i]!;
      if (revoked(i)) expect(ownMatch(a, i)).toBeUndefined();
      else expect(ownMatch(a, i)).toBeDefined();
    }
    const statuses = await Promise.all(instances.map(status));
    expect(statuses[1]!.entries).toBe(statuses[0]!.entries);
    expect(statuses[0]!.entries).toBe(
      ENTRIES - travelers.slice(0, ENTRIES).filter((_, i) => revoked(i)).length,
    );
  }, 120_000);

  it("record a screening's outcome once, whichever instance is asked, and refer the traveller at the site's other checkpoint", async () => {
    const traveler = personOf(1);
    expect(revoked(1)).toBe(false);
    const unit = `checkpoint:${CHECKPOINT}`;
    const screening = await fleet.api(instances[0]!, unit, 'POST', '/v1/screenings', {
      checkpoint: CHECKPOINT,
      traveler,
    });
    expect(screening.body.decision).toBe('deny');
    const outcome = { outcome: 'departure_delayed', officer: 'NIP-198001012005011001' };
    // The officer's desk and a colleague's, on either instance, at once: one delay.
    const both = await Promise.all(
      instances.map((instance) =>
        fleet.api(instance, unit, 'POST', `/v1/screenings/${screening.body.screeningId}/outcome`, outcome),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    await converged();
    const stream = await fleet.probe.jsm.streams.info('IMMIGRATION', { subjects_filter: '>' });
    expect(stream.state.subjects?.[`immigration.${CHECKPOINT}.departure.delayed`]).toBe(1);

    const [a, b] = await screenAtBoth(traveler, NEIGHBOUR);
    expect(b).toEqual(a);
    expect(a).toMatchObject({ decision: 'deny', reasons: ['departure_delayed_elsewhere'] });
    expect(a.delaysElsewhere).toHaveLength(1);

    // Both instances appended to one chain: intact, and each event they applied recorded once.
    expect(verifyAuditOf(databaseUrl)).toMatchObject({ intact: true, problems: [] });
    const steps = await queryDatabase(
      databaseUrl,
      `SELECT event_id, action, count(*)::int AS n FROM audit_log WHERE event_id IS NOT NULL GROUP BY event_id, action`,
    );
    expect(steps.length).toBeGreaterThan(ENTRIES);
    expect(steps.filter((r) => r.n !== 1)).toEqual([]);
  }, 120_000);
});
