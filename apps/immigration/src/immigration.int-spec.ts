// The immigration service in-process on port 0, with its migrations, a database and a nats-server
// of this file's own: replica, screening, outcomes, delays elsewhere, and screening with NATS down.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { BusConnection, silentLogger } from '@simpul/bus';
import { publishSignedEvent, waitFor, type TestKeys, type TestNatsServer } from '@simpul/bus/testing';
import {
  buildEvent,
  checkpointSource,
  MINISTRY_SOURCE,
  uuidv7,
  type AnyEvent,
  type Person,
} from '@simpul/contracts';
import { fixtureNik, validFixture } from '@simpul/contracts/testing';
import { verifyAuditChain } from '@simpul/audit';
import { ApiExceptionFilter } from '@simpul/http';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import type { ImmigrationConfig } from './config/immigration.config.js';
import { Clock } from './deployment/clock.js';
import { startImmigrationTestApp, type ImmigrationTestApp } from './testing/immigration-test-app.js';
import { WatchlistReplicaService } from './watchlist/watchlist-replica.service.js';

jest.setTimeout(60_000);

const T0 = new Date('2025-09-01T00:00:00Z');
const DAY = 24 * 3600 * 1000;
const TOKENS = {
  'checkpoint:batam-center': 'batam-center-test-token-0123456789',
  'checkpoint:dumai': 'dumai-test-token-0123456789abcdef',
  'checkpoint:nunukan': 'nunukan-test-token-0123456789abcd',
  'polda:riau': 'riau-test-token-0123456789abcdefgh',
} as const;

let t: ImmigrationTestApp;
let nats: TestNatsServer;
let keys: TestKeys;
let app: INestApplication;
let base: string;
let clock: Clock;
let dataSource: DataSource;
let serial = 1;
let config: ImmigrationConfig;

function person(name: string, over: Partial<Person> = {}): Person {
  const dateOfBirth = '1985-03-12';
  return { fullName: name, nik: fixtureNik(dateOfBirth, 'M', serial++), dateOfBirth, sex: 'M', ...over };
}

function issued(
  entryId: string,
  version: number,
  subject: Person,
  legalType: 'dpo' | 'protective' | 'cegah' | 'advisory' = 'dpo',
): AnyEvent {
  const template = validFixture('ministry.watchlist.entry.issued.v1').data;
  const { decisionNumber: _d, ...rest } = template;
  return buildEvent(
    'ministry.watchlist.entry.issued.v1',
    {
      ...rest,
      ...(legalType === 'cegah' ? { decisionNumber: 'IMI-1234.GR.02.06/2025' } : {}),
      entryId,
      version,
      legalType,
      action: legalType === 'dpo' || legalType === 'cegah' ? 'deny_departure' : 'refer',
      person: subject,
      validFrom: new Date(T0.getTime() - DAY).toISOString(),
      validUntil: new Date(T0.getTime() + 60 * DAY).toISOString(),
    },
    { source: MINISTRY_SOURCE },
  );
}

function revoked(entryId: string, version: number): AnyEvent {
  return buildEvent(
    'ministry.watchlist.entry.revoked.v1',
    { entryId, version, reason: 'No longer needed.', revokedAt: T0.toISOString() },
    { source: MINISTRY_SOURCE },
  );
}

async function publish(event: AnyEvent): Promise<void> {
  const js = app.get(BusConnection).js;
  const source = event.source;
  const key = keys.keyRing.keyFor(source);
  if (!key) throw new Error(`no test key for ${source}`);
  await publishSignedEvent(js, event, key);
}

async function screen(
  checkpoint: string,
  traveler: Person,
  token: string = TOKENS[`checkpoint:${checkpoint}` as keyof typeof TOKENS],
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}/v1/screenings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ checkpoint, traveler }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function replicaHas(entryId: string, version: number, revokedToo = false): Promise<boolean> {
  const rows: Array<{ version: number; revoked_at: Date | null }> = await dataSource.query(
    `SELECT version, revoked_at FROM watchlist_replica WHERE entry_id = $1`,
    [entryId],
  );
  return rows.length === 1 && rows[0]!.version === version && (!revokedToo || rows[0]!.revoked_at !== null);
}

async function inboxHas(eventId: string): Promise<boolean> {
  const rows: unknown[] = await dataSource.query(`SELECT 1 FROM bus_inbox WHERE event_id = $1`, [eventId]);
  return rows.length > 0;
}

/**
 * Whether the in-memory index screening reads has caught up with the table: every committed change
 * and the stream position. It follows the table after each commit (a NOTIFY, or the poll), so an
 * event in the inbox may not be screenable yet, most of all on a loaded machine.
 */
async function indexCaughtUp(): Promise<boolean> {
  const replica = app.get(WatchlistReplicaService);
  const [state] = (await dataSource.query(
    `SELECT last_sequence FROM watchlist_replica_state WHERE id = 1`,
  )) as Array<{ last_sequence: string }>;
  return (
    (await replica.indexProgress()).pendingChanges === 0 &&
    replica.status().sequence === Number(state?.last_sequence ?? 0)
  );
}

beforeAll(async () => {
  t = await startImmigrationTestApp({
    // The ministry's and nunukan's keys, as another deployment would hold them; the app adds its own.
    units: [
      { unit: 'ministry:service', source: MINISTRY_SOURCE },
      { unit: 'checkpoint:nunukan', source: checkpointSource('nunukan') },
    ],
    tokens: Object.fromEntries(Object.entries(TOKENS).map(([unit, token]) => [token, unit])),
    env: { IMMIGRATION_CHECKPOINTS: 'batam-center,dumai', IMMIGRATION_SITE: 'test', IMMIGRATION_PORT: '0' },
  });
  ({ nats, keys, app, baseUrl: base, dataSource, config } = t);
  clock = app.get(Clock);
  clock.set(T0);
});

afterAll(async () => {
  await t?.stop();
});

describe('watchlist replica', () => {
  it('makes an issued entry screenable, and a revoke stops it matching', async () => {
    const broker = person('Hendra Wijaya');
    const entryId = uuidv7();
    await publish(issued(entryId, 1, broker));
    await waitFor(() => replicaHas(entryId, 1), { description: 'entry in the replica' });
    await waitFor(async () => (await screen('batam-center', broker)).body.decision === 'deny', {
      description: 'entry screenable',
    });

    await publish(revoked(entryId, 1));
    await waitFor(() => replicaHas(entryId, 1, true), { description: 'revoke applied' });
    await waitFor(async () => (await screen('batam-center', broker)).body.decision === 'clear', {
      description: 'revoked entry no longer matches',
    });
  });

  it('ignores an older version delivered after a newer one', async () => {
    const before = person('Agus Salim');
    const after = person('Agus Salim', { nik: fixtureNik('1985-03-12', 'M', 9000 + serial++) });
    const entryId = uuidv7();
    const v2 = issued(entryId, 2, after, 'protective');
    await publish(v2);
    await waitFor(() => replicaHas(entryId, 2), { description: 'version 2 applied' });
    const v1 = issued(entryId, 1, before);
    await publish(v1);
    await waitFor(async () => (await inboxHas(v1.id)) && indexCaughtUp(), {
      description: 'version 1 consumed',
    });
    expect(await replicaHas(entryId, 2)).toBe(true);
    expect((await screen('dumai', { fullName: 'Somebody', nik: before.nik! })).body.decision).toBe('clear');
    expect((await screen('dumai', { fullName: 'Somebody', nik: after.nik! })).body.decision).toBe('refer');
  });

  it('lets a revoke that arrives before its issue win over that issue', async () => {
    const subject = person('Eko Prasetyo');
    const entryId = uuidv7();
    await publish(revoked(entryId, 1));
    await waitFor(() => replicaHas(entryId, 1, true), { description: 'revoke applied first' });
    const late = issued(entryId, 1, subject);
    await publish(late);
    await waitFor(async () => (await inboxHas(late.id)) && indexCaughtUp(), {
      description: 'late issue consumed',
    });
    expect((await screen('dumai', subject)).body.decision).toBe('clear');
  });

  it('describes its endpoints in OpenAPI', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('t').build());
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/screenings', '/v1/screenings/{id}/outcome', '/v1/watchlist/status']),
    );
  });

  it('reports its sequence and lag at GET /v1/watchlist/status, and /health checks database and NATS', async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      checks: { database: { status: 'up' }, nats: { status: 'up' } },
    });
    const status = async () => {
      const res = await fetch(`${base}/v1/watchlist/status`, {
        headers: { authorization: `Bearer ${TOKENS['checkpoint:dumai']}` },
      });
      expect(res.status).toBe(200);
      return (await res.json()) as Record<string, unknown>;
    };
    // Acks follow commits: wait until the server has seen them all, then until the index has read
    // what they committed (it follows the table after the commit), and only then read the status.
    const body = await waitFor(async () =>
      (await status()).consumerPending === 0 && (await indexCaughtUp()) ? status() : null,
    );
    // Earlier tests left one active entry (the protective version 2); revoked ones do not count.
    expect(body).toMatchObject({ entries: 1, lastSequence: expect.any(Number), lagSeconds: 0 });
    expect(body.lastSequence).toBeGreaterThan(0);
    expect(typeof body.lastAppliedAt).toBe('string');
  });

  it('applies one batch holding an issue and a revoke of the same entry (either order) and an older re-issue', async () => {
    const replica = app.get(WatchlistReplicaService);
    type Batch = Parameters<WatchlistReplicaService['applyBatch']>[0];
    // Stream position 0: the high-water mark (GREATEST) stays where the stream left it.
    // The index follows the table's change feed: read it after the commit, as a poll would.
    const applyBatch = async (events: AnyEvent[], inside?: () => Promise<void>) => {
      try {
        await dataSource.transaction(async (manager) => {
          await replica.applyBatch(events as unknown as Batch, {
            manager,
            deliveries: events.map(() => ({ streamSequence: 0 })),
          });
          await inside?.();
        });
      } finally {
        await replica.refresh();
      }
    };
    const row = async (entryId: string) =>
      (
        (await dataSource.query(`SELECT * FROM watchlist_replica WHERE entry_id = $1`, [entryId])) as Array<{
          version: number;
          rank: string;
          person: Person | null;
          revoked_at: Date | null;
        }>
      )[0];
    const matches = (subject: Person) =>
      replica.matcher.match(subject, T0).matches.map((m) => m.entry.entryId);
    // The earlier tests' last event (an issue older than its revoke) moved only the state, which
    // the index may not have read yet: compare from where the table is.
    await waitFor(indexCaughtUp, { description: 'the index caught up with the table' });
    const before = replica.status();

    const a = uuidv7(); // issue v1, then its revoke
    const b = uuidv7(); // the revoke of v1, then its issue
    const c = uuidv7(); // issue v2 with an older re-issue (v1) after it, and the revoke of v1
    // Names far apart: the engine matches spelling variants, so "Batch C" would match "Batch C Old".
    const [pa, pb, pc, pcOld] = [
      person('Ketut Suardana'),
      person('Lukas Manurung'),
      person('Marthen Rumbiak'),
      person('Nyoman Sudarsa'),
    ];
    await applyBatch(
      [
        issued(a, 1, pa),
        revoked(b, 1),
        issued(c, 2, pc),
        revoked(a, 1),
        issued(b, 1, pb),
        issued(c, 1, pcOld),
        revoked(c, 1),
      ],
      async () => {
        // Inside the transaction: the index has not moved yet (after commit only).
        expect(matches(pc)).toEqual([]);
      },
    );
    expect(await row(a)).toMatchObject({ version: 1, rank: '3', revoked_at: expect.any(Date) });
    expect(await row(b)).toMatchObject({ version: 1, rank: '3', person: null, revoked_at: expect.any(Date) });
    expect(await row(c)).toMatchObject({ version: 2, rank: '4', person: pc, revoked_at: null });
    expect(matches(pa)).toEqual([]);
    expect(matches(pb)).toEqual([]);
    expect(matches(pc)).toEqual([c]);
    expect(matches(pcOld)).toEqual([]);
    expect(replica.status()).toEqual(before);

    // Against stored rows: a revoke of v2 keeps the stored v2's person, an older issue in the same
    // batch changes nothing, and an equal rank (v2 again) never overwrites.
    await applyBatch([issued(c, 1, pcOld), revoked(c, 2), issued(a, 1, pcOld)]);
    expect(await row(c)).toMatchObject({ version: 2, rank: '5', person: pc, revoked_at: expect.any(Date) });
    expect(await row(a)).toMatchObject({ version: 1, rank: '3' });
    expect(matches(pc)).toEqual([]);
    expect(matches(pcOld)).toEqual([]);

    // A rolled-back batch leaves neither the table nor the index changed.
    const d = uuidv7();
    const pd = person('Oktavianus Tanod');
    await expect(
      applyBatch([issued(d, 1, pd)], () => Promise.reject(new Error('rolled back'))),
    ).rejects.toThrow('rolled back');
    expect(await row(d)).toBeUndefined();
    expect(matches(pd)).toEqual([]);

    // The revoke of v3 beats its issue in either order, a re-issue (v4) beats that; left revoked.
    const pcNew = person('Petrus Sinaga');
    await applyBatch([revoked(c, 3), issued(c, 3, pcNew)]);
    expect(await row(c)).toMatchObject({ version: 3, rank: '7' });
    await applyBatch([issued(c, 4, pcNew)]);
    expect(matches(pcNew)).toEqual([c]);
    await applyBatch([revoked(c, 4)]);
    expect(matches(pcNew)).toEqual([]);
  });
});

/** The match published at batam-center for `screeningId` (the last one on its subject). */
function publishedMatch(
  screeningId: unknown,
): Promise<{ data: { screeningId: string; origin?: unknown; decision: string; traveler: Person } }> {
  const js = app.get(BusConnection).js;
  return waitFor(async () => {
    const msg = await js.streams
      .get('IMMIGRATION')
      .then((s) => s.getMessage({ last_by_subj: 'immigration.batam-center.screening.matched' }))
      .catch(() => null);
    const event = msg
      ? (msg.json() as {
          data: { screeningId: string; origin?: unknown; decision: string; traveler: Person };
        })
      : null;
    // The relay publishes in no particular order: wait for this screening's match.
    return event?.data.screeningId === screeningId ? event : null;
  });
}

describe('POST /v1/screenings', () => {
  it('denies on an exact NIK of a dpo entry and refers for a protective one, publishing the match with its origin', async () => {
    const suspect = person('Rudi Hartono');
    const candidate = person('Siti Aminah', { sex: 'F', nik: fixtureNik('1985-03-12', 'F', serial++) });
    const dpo = issued(uuidv7(), 1, suspect, 'dpo');
    const protective = issued(uuidv7(), 1, candidate, 'protective');
    await publish(dpo);
    await publish(protective);
    await waitFor(async () => (await inboxHas(dpo.id)) && (await inboxHas(protective.id)) && indexCaughtUp());

    const denied = await screen('batam-center', { fullName: 'R. Hartono', nik: suspect.nik! });
    expect(denied.status).toBe(201);
    expect(denied.body).toMatchObject({
      decision: 'deny',
      matches: [
        {
          entryId: (dpo.data as { entryId: string }).entryId,
          entryVersion: 1,
          legalType: 'dpo',
          action: 'deny_departure',
          // NIK equality is decisive for the engine (calibrated 0.999, not 1).
          score: expect.any(Number),
          effect: 'deny',
          reasons: expect.arrayContaining(['nik_exact']),
        },
      ],
      watchlist: { sequence: expect.any(Number), asOf: expect.any(String) },
    });
    const referred = await screen('batam-center', { fullName: 'Siti Aminah', nik: candidate.nik! });
    expect(referred.body).toMatchObject({ decision: 'refer', matches: [{ legalType: 'protective' }] });

    const matched = await publishedMatch(referred.body.screeningId);
    expect(matched.data.decision).toBe('refer');
    expect(matched.data.origin).toEqual((protective.data as { origin?: unknown }).origin);
  });

  it('reads a traveller’s phone numbers into E.164 and keeps them at the checkpoint, out of the match', async () => {
    const suspect = person('Bambang Sutrisno');
    const dpo = issued(uuidv7(), 1, suspect, 'dpo');
    await publish(dpo);
    await waitFor(async () => (await inboxHas(dpo.id)) && indexCaughtUp());
    const unreadable = await screen('batam-center', { fullName: 'Bambang', phoneNumbers: ['wa 0812 555'] });
    expect([unreadable.status, unreadable.body.details]).toEqual([
      400,
      [expect.objectContaining({ path: 'traveler.phoneNumbers[0]', rule: 'phoneNumber' })],
    ]);
    expect(JSON.stringify(unreadable.body)).not.toContain('0812 555');
    const denied = await screen('batam-center', {
      fullName: 'Bambang Sutrisno',
      nik: suspect.nik!,
      phoneNumbers: ['0812-3456-7999'],
    });
    expect([denied.status, denied.body.decision]).toEqual([201, 'deny']);
    const [stored] = await dataSource.query(`SELECT traveler FROM screenings WHERE screening_id = $1`, [
      denied.body.screeningId,
    ]);
    expect(stored.traveler.phoneNumbers).toEqual(['+6281234567999']);
    const matched = await publishedMatch(denied.body.screeningId);
    expect(matched.data.traveler).toEqual({ fullName: 'Bambang Sutrisno', nik: suspect.nik });
  });

  it('matches an old-spelling variant through the engine, and lists a monitor match without referring', async () => {
    // No NIK or passport: "Djoko Soesanto" on the list, "Joko Susanto" at the desk, same birth date.
    const listed: Person = { fullName: 'Djoko Soesanto', dateOfBirth: '1968-04-17', sex: 'M' };
    const dpo = issued(uuidv7(), 1, listed, 'dpo');
    const watched: Person = { fullName: 'Tjahjo Koesoemo', dateOfBirth: '1971-09-30', sex: 'M' };
    const monitor = issued(uuidv7(), 1, watched, 'advisory');
    (monitor.data as { action: string }).action = 'monitor';
    await publish(dpo);
    await publish(monitor);
    await waitFor(async () => (await inboxHas(dpo.id)) && (await inboxHas(monitor.id)) && indexCaughtUp());

    const denied = await screen('batam-center', { fullName: 'Joko Susanto', dateOfBirth: '1968-04-17' });
    expect(denied.body).toMatchObject({
      decision: 'deny',
      matches: [
        {
          entryId: (dpo.data as { entryId: string }).entryId,
          legalType: 'dpo',
          effect: 'deny',
          reasons: expect.arrayContaining(['name_spelling_variant', 'dob_exact']),
        },
      ],
    });
    const monitored = await screen('batam-center', { fullName: 'Cahyo Kusumo', dateOfBirth: '1971-09-30' });
    expect(monitored.body).toMatchObject({
      decision: 'clear',
      matches: [{ entryId: (monitor.data as { entryId: string }).entryId, effect: 'monitor' }],
    });
  });

  it('answers 400 naming every bad field, writing nothing', async () => {
    const count = async () =>
      (await dataSource.query(`SELECT count(*)::int AS n FROM screenings`))[0].n as number;
    const before = await count();
    const res = await fetch(`${base}/v1/screenings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS['checkpoint:dumai']}` },
      body: JSON.stringify({ checkpoint: 'dumai', traveler: { fullName: '  ', nik: '12' }, extra: 1 }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; details: Array<{ path: string }> };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details.map((d) => d.path).sort()).toEqual(['extra', 'traveler.fullName', 'traveler.nik']);
    expect(JSON.stringify(body)).not.toContain('"12"');
    expect(await count()).toBe(before);
  });

  it('refuses a token of dumai screening for batam-center (403), and an unserved checkpoint', async () => {
    const count = async () =>
      (await dataSource.query(`SELECT count(*)::int AS n FROM screenings`))[0].n as number;
    const before = await count();
    const wrong = await screen('batam-center', person('Dewi Lestari'), TOKENS['checkpoint:dumai']);
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('AUTH.WRONG_UNIT');
    const unserved = await screen('nunukan', person('Dewi Lestari'));
    expect(unserved.status).toBe(403);
    expect(unserved.body.code).toBe('IMMIGRATION.CHECKPOINT_NOT_SERVED');
    expect(await count()).toBe(before);
  });
});

describe('authorization: only the checkpoints this deployment serves', () => {
  const get = (path: string, token: string) =>
    fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const outcome = (screeningId: string, token: string) =>
    fetch(`${base}/v1/screenings/${screeningId}/outcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ outcome: 'cleared', officer: 'officer-9' }),
    });

  it('refuses GET /v1/watchlist/status to a unit that is not a served checkpoint (403)', async () => {
    for (const token of [TOKENS['polda:riau'], TOKENS['checkpoint:nunukan']]) {
      const res = await get('/v1/watchlist/status', token);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { code: string }).code).toBe('AUTH.WRONG_UNIT');
    }
    expect((await get('/v1/watchlist/status', TOKENS['checkpoint:batam-center'])).status).toBe(200);
  });

  it('answers 403 on an outcome to another unit whether or not the screening exists', async () => {
    const existing = (await screen('batam-center', person('Ratna Sari'))).body.screeningId as string;
    for (const token of [TOKENS['polda:riau'], TOKENS['checkpoint:nunukan']]) {
      for (const id of [existing, uuidv7(), 'not-a-uuid']) {
        const res = await outcome(id, token);
        expect({ id, status: res.status }).toEqual({ id, status: 403 });
        expect(((await res.json()) as { code: string }).code).toBe('AUTH.WRONG_UNIT');
      }
    }
    const rows: Array<{ outcome: string | null }> = await dataSource.query(
      `SELECT outcome FROM screenings WHERE screening_id = $1`,
      [existing],
    );
    expect(rows).toEqual([{ outcome: null }]);
  });

  // Review finding: a served checkpoint got 403 for a neighbour's screening and 404 for an unknown
  // id, so it could tell which screening ids exist at the other checkpoints of its deployment.
  it("answers another served checkpoint's screening exactly like an unknown id (404)", async () => {
    const existing = (await screen('batam-center', person('Sri Wahyuni'))).body.screeningId as string;
    const answers = [];
    for (const id of [existing, uuidv7()]) {
      const res = await outcome(id, TOKENS['checkpoint:dumai']);
      answers.push({ status: res.status, code: ((await res.json()) as { code: string }).code });
    }
    expect(answers).toEqual([
      { status: 404, code: 'IMMIGRATION.SCREENING_NOT_FOUND' },
      { status: 404, code: 'IMMIGRATION.SCREENING_NOT_FOUND' },
    ]);
    const rows: Array<{ outcome: string | null }> = await dataSource.query(
      `SELECT outcome FROM screenings WHERE screening_id = $1`,
      [existing],
    );
    expect(rows).toEqual([{ outcome: null }]);
  });
});

describe('departure delays', () => {
  it('a delay at batam-center makes the traveller refer at dumai until validUntil, clear after', async () => {
    const traveler = person('Joko Susilo', { passportNumber: 'C1234567' });
    const first = await screen('batam-center', traveler);
    expect(first.body.decision).toBe('clear');
    const outcome = await fetch(`${base}/v1/screenings/${first.body.screeningId as string}/outcome`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${TOKENS['checkpoint:batam-center']}`,
      },
      body: JSON.stringify({ outcome: 'departure_delayed', officer: 'officer-17', validForDays: 7 }),
    });
    expect(outcome.status).toBe(201);
    const delay = (await outcome.json()) as { delayId: string; eventId: string; validUntil: string };
    expect(delay.validUntil).toBe(new Date(T0.getTime() + 7 * DAY).toISOString());

    // Published through the outbox, with the default reason for an unmatched screening.
    const js = app.get(BusConnection).js;
    const published = await waitFor(async () => {
      const msg = await js.streams
        .get('IMMIGRATION')
        .then((s) => s.getMessage({ last_by_subj: 'immigration.batam-center.departure.delayed' }))
        .catch(() => null);
      return msg ? (msg.json() as { id: string; data: { reason: string } }) : null;
    });
    expect(published.id).toBe(delay.eventId);
    expect(published.data.reason).toBe('non_procedural_worker');

    // Another passport: clear; the same passport (with an I/1 slip) at another checkpoint: refer.
    const atDumai = await screen('dumai', { fullName: 'J. Susilo', passportNumber: 'C7654321' });
    expect(atDumai.body.decision).toBe('clear');
    const samePassport = await screen('dumai', { fullName: 'J. Susilo', passportNumber: 'CI234567' });
    expect(samePassport.body).toMatchObject({ decision: 'refer', reasons: ['departure_delayed_elsewhere'] });
    const byName = await screen('dumai', { fullName: 'JOKO  SUSILO', dateOfBirth: traveler.dateOfBirth! });
    expect(byName.body.decision).toBe('refer');

    clock.set(new Date(T0.getTime() + 7 * DAY + 1000));
    try {
      expect((await screen('dumai', traveler)).body.decision).toBe('clear');
    } finally {
      clock.set(T0);
    }

    // A second outcome for the same screening is refused.
    const again = await fetch(`${base}/v1/screenings/${first.body.screeningId as string}/outcome`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${TOKENS['checkpoint:batam-center']}`,
      },
      body: JSON.stringify({ outcome: 'cleared', officer: 'officer-17' }),
    });
    expect(again.status).toBe(409);
  });

  it('learns of a delay published by another checkpoint (nunukan) through its delays durable', async () => {
    const traveler = person('Bambang Irawan');
    const event = buildEvent(
      'immigration.departure.delayed.v1',
      {
        delayId: uuidv7(),
        checkpoint: 'nunukan',
        occurredAt: T0.toISOString(),
        traveler,
        reason: 'non_procedural_worker',
        validUntil: new Date(T0.getTime() + 3 * DAY).toISOString(),
      },
      { source: checkpointSource('nunukan') },
    );
    await publish(event);
    await waitFor(() => inboxHas(event.id), { description: 'delay consumed' });
    expect((await screen('dumai', { fullName: 'Someone', nik: traveler.nik! })).body.decision).toBe('refer');
  });

  it('rejects a bad outcome body (400) and an unknown screening (404)', async () => {
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${TOKENS['checkpoint:dumai']}`,
    };
    const bad = await fetch(`${base}/v1/screenings/${uuidv7()}/outcome`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ outcome: 'maybe', validForDays: 31 }),
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { details: Array<{ path: string }> };
    expect(body.details.map((d) => d.path).sort()).toEqual(['officer', 'outcome', 'validForDays']);
    const missing = await fetch(`${base}/v1/screenings/${uuidv7()}/outcome`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ outcome: 'cleared', officer: 'officer-1' }),
    });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('IMMIGRATION.SCREENING_NOT_FOUND');
  });
});

describe('audit trail (UU PDP art. 31)', () => {
  it('chains every replica update, screening, outcome and delay processed above, intact', async () => {
    const rows: Array<{
      position: string;
      unit: string;
      official: string | null;
      purpose: string;
      action: string;
      event_id: string | null;
    }> = await dataSource.query(
      `SELECT position, unit, official, purpose, action, event_id::text AS event_id FROM audit_log ORDER BY position`,
    );
    const actions = new Set(rows.map((r) => r.action));
    for (const action of [
      'replica_entry.updated',
      'replica_entry.revoked',
      'screening.performed',
      'screening.outcome_recorded',
      'departure_delay.recorded',
    ])
      expect(actions).toContain(action);
    // A processing step of an event names the event and the unit that published it.
    const replica = rows.find((r) => r.action === 'replica_entry.updated')!;
    expect(replica).toMatchObject({ unit: 'ministry:service', purpose: 'border_control', official: null });
    expect(replica.event_id).toMatch(/^[0-9a-f-]{36}$/);
    // The desk's outcome names the officer who recorded it.
    expect(rows.find((r) => r.action === 'screening.outcome_recorded')!.official).not.toBeNull();
    expect(rows.map((r) => Number(r.position))).toEqual(rows.map((_, i) => i + 1));
    expect((await verifyAuditChain(dataSource)).problems).toEqual([]);
  });
});

describe('with NATS down', () => {
  it('keeps screening from the replica (201) and reports the consumer state unknown', async () => {
    const suspect = person('Yusuf Mansur');
    const entry = issued(uuidv7(), 1, suspect, 'dpo');
    await publish(entry);
    await waitFor(async () => (await inboxHas(entry.id)) && indexCaughtUp());
    await nats.kill('SIGKILL');
    await waitFor(() => !app.get(BusConnection).isConnected(), { description: 'connection lost' });

    const result = await screen('dumai', suspect);
    expect(result.status).toBe(201);
    expect(result.body.decision).toBe('deny');
    const status = await fetch(`${base}/v1/watchlist/status`, {
      headers: { authorization: `Bearer ${TOKENS['checkpoint:dumai']}` },
    });
    expect(((await status.json()) as { consumerPending: unknown }).consumerPending).toBeNull();
  });

  it('rebuilds the index from the replica table at start, and screens while NATS is still down', async () => {
    const suspect = person('Wahyu Hidayat');
    const entry = issued(uuidv7(), 1, suspect, 'cegah');
    await nats.restart();
    await waitFor(() => app.get(BusConnection).isConnected(), { description: 'reconnected' });
    await publish(entry);
    await waitFor(() => inboxHas(entry.id));
    await nats.kill('SIGKILL');

    const second = await NestFactory.create(AppModule.forRoot(config, { busLogger: silentLogger }), {
      logger: false,
    });
    try {
      second.useGlobalFilters(new ApiExceptionFilter());
      await second.listen(0, '127.0.0.1');
      second.get(Clock).set(T0);
      const url = (await second.getUrl()).replace('[::1]', '127.0.0.1');
      const res = await fetch(`${url}/v1/screenings`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${TOKENS['checkpoint:dumai']}`,
        },
        body: JSON.stringify({ checkpoint: 'dumai', traveler: { fullName: 'X', nik: suspect.nik } }),
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ decision: 'deny', matches: [{ legalType: 'cegah' }] });
    } finally {
      await second.close();
    }
  });
});
