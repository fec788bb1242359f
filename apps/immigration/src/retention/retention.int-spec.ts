// Retention (defect: screenings, delays, replica rows of expired entries and the in-memory index
// grew forever): one pruning round removes what is older than each retention, in batches, keeps
// what is newer, and an expired entry issued again afterwards screens as before.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { BusConnection } from '@simpul/bus';
import { publishSignedEvent, waitFor } from '@simpul/bus/testing';
import { buildEvent, MINISTRY_SOURCE, uuidv7, type AnyEvent, type Person } from '@simpul/contracts';
import { fixtureNik, validFixture } from '@simpul/contracts/testing';
import { Clock } from '../deployment/clock.js';
import { startImmigrationTestApp, type ImmigrationTestApp } from '../testing/immigration-test-app.js';
import { RetentionService } from './retention.service.js';

jest.setTimeout(60_000);

const T0 = new Date('2025-09-01T00:00:00Z');
const DAY = 24 * 3600 * 1000;
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const TOKEN = 'batam-center-retention-token-0123456789';

let t: ImmigrationTestApp;
let clock: Clock;
let serial = 1;

function person(name: string): Person {
  const dateOfBirth = '1981-02-14';
  return { fullName: name, nik: fixtureNik(dateOfBirth, 'F', 300 + serial++), dateOfBirth, sex: 'F' };
}

function issued(entryId: string, version: number, subject: Person, from: Date, until: Date): AnyEvent {
  const { decisionNumber: _d, ...rest } = validFixture('ministry.watchlist.entry.issued.v1').data;
  return buildEvent(
    'ministry.watchlist.entry.issued.v1',
    {
      ...rest,
      entryId,
      version,
      legalType: 'dpo',
      action: 'deny_departure',
      person: subject,
      validFrom: from.toISOString(),
      validUntil: until.toISOString(),
    },
    { source: MINISTRY_SOURCE },
  );
}

async function publishApplied(events: AnyEvent[]): Promise<void> {
  const js = t.app.get(BusConnection).js;
  for (const event of events) await publishSignedEvent(js, event, t.keys.keyRing.keyFor(event.source)!);
  await waitFor(
    async () => {
      const rows: unknown[] = await t.dataSource.query(`SELECT 1 FROM bus_inbox WHERE event_id = ANY($1)`, [
        events.map((e) => e.id),
      ]);
      return rows.length === events.length;
    },
    { description: 'events applied' },
  );
}

async function screen(traveler: Person): Promise<{ screeningId: string; decision: string }> {
  const res = await fetch(`${t.baseUrl}/v1/screenings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ checkpoint: 'batam-center', traveler: { fullName: 'X', nik: traveler.nik } }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { screeningId: string; decision: string };
}

async function ids(sql: string): Promise<string[]> {
  const rows: Array<{ id: string }> = await t.dataSource.query(sql);
  return rows.map((r) => r.id).sort();
}

beforeAll(async () => {
  t = await startImmigrationTestApp({
    database: 'immigration_retention',
    units: [{ unit: 'ministry:service', source: MINISTRY_SOURCE }],
    tokens: { [TOKEN]: 'checkpoint:batam-center' },
    env: {
      IMMIGRATION_CHECKPOINTS: 'batam-center',
      IMMIGRATION_SITE: 'ret',
      IMMIGRATION_PORT: '0',
      IMMIGRATION_SCREENING_RETENTION_DAYS: '10',
      IMMIGRATION_DELAY_RETENTION_DAYS: '5',
      IMMIGRATION_REPLICA_RETENTION_DAYS: '3',
      // Smaller than what is pruned: the round takes several batches.
      IMMIGRATION_PRUNE_BATCH: '2',
    },
  });
  clock = t.app.get(Clock);
});

afterAll(async () => {
  await t?.stop();
});

it('prunes screenings, delays and expired replica rows older than their retention, keeping newer ones', async () => {
  // Screenings: three made 11 days ago, one made 9 days ago.
  const someone = person('Pelintas Biasa');
  const old: string[] = [];
  clock.set(at(-11));
  for (let i = 0; i < 3; i++) old.push((await screen(someone)).screeningId);
  clock.set(at(-9));
  const recent = (await screen(someone)).screeningId;

  // Delays: three that ended 6 days ago, one that ended 4 days ago.
  const delay = async (validUntil: Date) => {
    const delayId = uuidv7();
    await t.dataSource.query(
      `INSERT INTO delays (delay_id, checkpoint, occurred_at, valid_until, reason, nik, event_id)
       VALUES ($1, 'dumai', $2, $3, 'non_procedural_worker', '1471015502810001', $4)`,
      [delayId, new Date(validUntil.getTime() - DAY), validUntil, uuidv7()],
    );
    return delayId;
  };
  for (let i = 0; i < 3; i++) await delay(at(-6));
  const liveDelay = await delay(at(-4));

  // Replica: three entries that expired 4 days ago, a revoke (never issued) of 10 days ago, one
  // that expired 2 days ago and one still valid.
  const expiredIds = [uuidv7(), uuidv7(), uuidv7()];
  const lapsed = person('Masa Berlaku Habis');
  const revokedId = uuidv7();
  const recentlyExpired = uuidv7();
  const valid = uuidv7();
  const validPerson = person('Masih Berlaku');
  await publishApplied([
    ...expiredIds.map((id, i) =>
      issued(id, 1, i === 0 ? lapsed : person(`Kedaluwarsa ${i}`), at(-30), at(-4)),
    ),
    buildEvent(
      'ministry.watchlist.entry.revoked.v1',
      { entryId: revokedId, version: 1, reason: 'No longer needed.', revokedAt: at(-10).toISOString() },
      { source: MINISTRY_SOURCE },
    ),
    issued(recentlyExpired, 1, person('Baru Kedaluwarsa'), at(-30), at(-2)),
    issued(valid, 1, validPerson, at(-30), at(30)),
  ]);

  clock.set(T0);
  const counts = await t.app.get(RetentionService).pruneOnce();
  // The revoke that came before its issue stays in the table: it is what refuses that issue if it
  // comes late (the index may forget it: it never matches, and the table decides what is applied).
  expect(counts).toEqual({ screenings: 3, delays: 3, replicaRows: 3, indexEntries: 4 });
  expect(await ids(`SELECT screening_id::text AS id FROM screenings`)).toEqual([recent]);
  expect(await ids(`SELECT delay_id::text AS id FROM delays`)).toEqual([liveDelay]);
  expect(await ids(`SELECT entry_id::text AS id FROM watchlist_replica`)).toEqual(
    [revokedId, recentlyExpired, valid].sort(),
  );
  expect((await screen(validPerson)).decision).toBe('deny');
  // A second round finds nothing left to prune.
  expect(await t.app.get(RetentionService).pruneOnce()).toEqual({
    screenings: 0,
    delays: 0,
    replicaRows: 0,
    indexEntries: 0,
  });

  // Regression: pruning dropped the revoke-before-issue row, so the late issue it revoked (a replay,
  // a retried outbox row) was applied as new and denied a traveller on a revoked entry.
  const revokedPerson = person('Sudah Dicabut');
  await publishApplied([issued(revokedId, 1, revokedPerson, at(-20), at(30))]);
  expect((await screen(revokedPerson)).decision).toBe('clear');

  // An expired, pruned entry issued again (version 2, valid now) screens deny.
  await publishApplied([issued(expiredIds[0]!, 2, lapsed, at(-1), at(30))]);
  await waitFor(async () => (await screen(lapsed)).decision === 'deny', {
    description: 'the re-issued entry screens deny',
  });
});
