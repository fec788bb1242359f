// Cases linked across Polda and checkpoints by name plus date of birth, checkpoint matches and delays
// on a case, and Idempotency-Key on the desk's POST routes; the ministry service in-process against a
// real PostgreSQL and a nats-server of this file's own.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { INestApplication } from '@nestjs/common';
import { waitFor } from '@simpul/bus/testing';
import {
  buildEvent,
  checkpointSource,
  MINISTRY_SOURCE,
  poldaSource,
  uuidv7,
  type AnyEvent,
  type Person,
  type SimpulEvent,
} from '@simpul/contracts';
import { arrestWithSuspects, interceptionWithCandidates, validFixture } from '@simpul/contracts/testing';
import type { DataSource, EntityManager } from 'typeorm';
import { caseKeys, type CaseLinkKey } from './cases/case.rules.js';
import { LinkEventsService, OLDEST_CASE_BY_KEYS_SQL } from './cases/link-events/link-events.service.js';
import { PersonVault } from './identities/person-vault.js';
import { startMinistryTestApp, type MinistryTestApp } from './testing/ministry-test-app.js';
import { IssueAutomaticEntriesService } from './watchlist/issue-automatic-entries/issue-automatic-entries.service.js';
import { entriesForFoiledDeparture } from './watchlist/watchlist.rules.js';

jest.setTimeout(30_000);

const DESK_TOKEN = randomBytes(32).toString('hex');

let t: MinistryTestApp;
let app: INestApplication;
let dataSource: DataSource;
let jsm: JetStreamManager;

function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return t.api(method, path, body, { headers });
}

function publish(event: AnyEvent, source: string): Promise<number> {
  return t.publish(event, source);
}

function consumerSettledAt(stream: string, durable: string, seq: number): Promise<void> {
  return t.consumerSettledAt(stream, durable, seq);
}

/** Rows the desk's writes change, the stored keys, and every ministry event emitted (outbox + stream). */
async function counts(): Promise<Record<string, number>> {
  const [row] = await dataSource.query(`SELECT
      (SELECT count(*)::int FROM ministry_watchlist_entry) AS entries,
      (SELECT coalesce(sum(version), 0)::int FROM ministry_watchlist_entry) AS versions,
      (SELECT count(*)::int FROM ministry_company_sanction) AS sanctions,
      (SELECT count(*)::int FROM ministry_alert WHERE status = 'acknowledged') AS acknowledged,
      (SELECT count(*)::int FROM http_idempotency_key) AS keys,
      (SELECT count(*)::int FROM bus_outbox) AS outbox`);
  const onStream = (await jsm.streams.info('MINISTRY')).state.messages;
  return { ...row, emitted: row.outbox + onStream, outbox: 0 };
}

/** counts() once the relay has published everything (so the figures cannot move by themselves). */
async function settledCounts(): Promise<Record<string, number>> {
  await waitFor(
    async () => (await dataSource.query(`SELECT count(*)::int AS n FROM bus_outbox`))[0].n === 0,
    {
      description: 'outbox drained',
    },
  );
  return counts();
}

async function caseOfEvent(eventId: string): Promise<string> {
  const alerts = (await api('GET', '/v1/alerts')).body.alerts as Array<{
    caseId: string;
    sourceEventIds: string[];
  }>;
  const alert = alerts.find((a) => a.sourceEventIds.includes(eventId));
  if (!alert) throw new Error(`no alert for event ${eventId}`);
  return alert.caseId;
}

function arrest(
  polda: string,
  reportNumber: string,
  person: Person,
  status: 'at_large' | 'detained' = 'at_large',
): SimpulEvent<'police.arrest.recorded.v1'> {
  // The fixture's arrest without its interceptionId: these arrests link by person only.
  const { interceptionId: _unused, ...base } = arrestWithSuspects(1).data;
  return buildEvent(
    'police.arrest.recorded.v1',
    {
      ...base,
      arrestId: uuidv7(),
      polda,
      reportNumber,
      suspects: [{ suspectId: uuidv7(), person, status, role: 'broker' }],
    },
    { source: poldaSource(polda) },
  );
}

beforeAll(async () => {
  t = await startMinistryTestApp({
    database: 'ministry_identity',
    units: [
      { unit: 'polda:riau', source: poldaSource('riau') },
      { unit: 'polda:kaltara', source: poldaSource('kaltara') },
      { unit: 'ministry:service', source: MINISTRY_SOURCE },
      { unit: 'checkpoint:nunukan', source: checkpointSource('nunukan') },
    ],
    tokens: { [DESK_TOKEN]: 'ministry:desk' },
    defaultToken: DESK_TOKEN,
  });
  ({ app, dataSource, jsm } = t);
}, 60_000);

afterAll(async () => {
  await t?.stop();
}, 30_000);

describe('cases linked by name plus date of birth', () => {
  const broker: Person = {
    fullName: 'H. Ahmad Fauzi',
    dateOfBirth: '1985-03-12',
    sex: 'M',
    passportNumber: 'B1234567',
  };
  let riauCase: string;
  let riauArrest: SimpulEvent<'police.arrest.recorded.v1'>;

  it('an arrest by Polda Kaltara naming the broker of a Riau arrest by name and date of birth only joins its case', async () => {
    riauArrest = arrest('riau', 'LP/B/501/VII/2025/SPKT/POLDA RIAU', broker);
    await consumerSettledAt('POLICE', 'ministry-police', await publish(riauArrest, poldaSource('riau')));
    riauCase = await caseOfEvent(riauArrest.id);

    // Another spelling of the same name: no title, upper case, a degree, other whitespace; no NIK or passport.
    const kaltaraArrest = arrest('kaltara', 'LP/A/77/VIII/2025/POLDA KALTARA', {
      fullName: 'AHMAD   FAUZI, S.Pd.',
      dateOfBirth: '1985-03-12',
      sex: 'M',
    });
    await consumerSettledAt(
      'POLICE',
      'ministry-police',
      await publish(kaltaraArrest, poldaSource('kaltara')),
    );
    expect(await caseOfEvent(kaltaraArrest.id)).toBe(riauCase);

    const kase = await api('GET', `/v1/cases/${riauCase}`);
    expect(kase.status).toBe(200);
    expect(kase.body.reportNumbers).toEqual([
      'LP/A/77/VIII/2025/POLDA KALTARA',
      'LP/B/501/VII/2025/SPKT/POLDA RIAU',
    ]);
    expect(kase.body.eventIds).toEqual(expect.arrayContaining([riauArrest.id, kaltaraArrest.id]));
    // The case shows no identity of the person.
    const text = JSON.stringify(kase.body).toLowerCase();
    for (const personal of ['fauzi', '1985-03-12', 'b1234567']) expect(text).not.toContain(personal);
  });

  it('the same name with another date of birth, or a name without one, opens a case of its own', async () => {
    const otherBirth = arrest('kaltara', 'LP/A/78/VIII/2025/POLDA KALTARA', {
      fullName: 'Ahmad Fauzi',
      dateOfBirth: '1986-03-12',
      sex: 'M',
    });
    const noBirth = arrest('kaltara', 'LP/A/79/VIII/2025/POLDA KALTARA', {
      fullName: 'Ahmad Fauzi',
      sex: 'M',
    });
    await publish(otherBirth, poldaSource('kaltara'));
    await consumerSettledAt('POLICE', 'ministry-police', await publish(noBirth, poldaSource('kaltara')));
    const cases = [await caseOfEvent(otherBirth.id), await caseOfEvent(noBirth.id)];
    expect(cases).not.toContain(riauCase);
    expect(cases[0]).not.toBe(cases[1]);
  });

  it('a match at Nunukan on an entry of no case joins the case by name and date of birth, and the case lists it and its delay', async () => {
    // A desk entry without a caseId naming the broker (a police request by letter, say).
    const issued = await api('POST', '/v1/watchlist', {
      legalType: 'advisory',
      action: 'refer',
      person: { fullName: 'Ahmad Fauzi', dateOfBirth: '1985-03-12', sex: 'M' },
      reason: 'Police request by letter.',
      issuedBy: 'KP2MI desk',
      validFrom: '2025-07-10T00:00:00Z',
      validUntil: '2025-12-31T00:00:00Z',
    });
    expect(issued.status).toBe(201);
    const matchFixture = validFixture('immigration.screening.matched.v1');
    const match = buildEvent(
      matchFixture.type,
      {
        ...matchFixture.data,
        screeningId: uuidv7(),
        checkpoint: 'nunukan',
        occurredAt: '2025-08-01T03:00:00Z',
        entryId: issued.body.id as string,
        entryVersion: 1,
        decision: 'refer',
        traveler: { fullName: 'AHMAD FAUZI', dateOfBirth: '1985-03-12', sex: 'M' },
      },
      { source: checkpointSource('nunukan') },
    );
    delete (match.data as { origin?: unknown }).origin;
    const delayFixture = validFixture('immigration.departure.delayed.v1');
    const delay = buildEvent(
      delayFixture.type,
      {
        ...delayFixture.data,
        delayId: uuidv7(),
        checkpoint: 'nunukan',
        occurredAt: '2025-08-01T03:05:00Z',
        validUntil: '2025-08-20T00:00:00Z',
        traveler: { fullName: 'Ahmad Fauzi', dateOfBirth: '1985-03-12', sex: 'M' },
        reason: 'watchlist_match',
        entryId: issued.body.id as string,
        screeningId: match.data.screeningId,
      },
      { source: checkpointSource('nunukan') },
    );
    await publish(match, checkpointSource('nunukan'));
    const seq = await publish(delay, checkpointSource('nunukan'));
    await consumerSettledAt('IMMIGRATION', 'ministry-immigration', seq);
    expect(await caseOfEvent(match.id)).toBe(riauCase);
    expect(await caseOfEvent(delay.id)).toBe(riauCase);

    const kase = await api('GET', `/v1/cases/${riauCase}`);
    expect(kase.body.checkpointMatches).toEqual([
      {
        screeningId: match.data.screeningId,
        eventId: match.id,
        checkpoint: 'nunukan',
        decision: 'refer',
        entryId: issued.body.id,
        occurredAt: '2025-08-01T03:00:00.000Z',
      },
    ]);
    expect(kase.body.departureDelays).toEqual([
      {
        delayId: delay.data.delayId,
        eventId: delay.id,
        checkpoint: 'nunukan',
        reason: 'watchlist_match',
        entryId: issued.body.id,
        screeningId: match.data.screeningId,
        occurredAt: '2025-08-01T03:05:00.000Z',
      },
    ]);
    const text = JSON.stringify(kase.body).toLowerCase();
    for (const personal of ['fauzi', '1985-03-12']) expect(text).not.toContain(personal);
  });

  it('finds a case by identity keys through the primary key of ministry_case_link (kind, value), not a scan', async () => {
    const plan = await dataSource.transaction(async (manager) => {
      // The test tables are tiny, where a scan is cheapest: forbid it to see which index serves the lookup.
      await manager.query(`SET LOCAL enable_seqscan = off`);
      const rows: Array<{ 'QUERY PLAN': string }> = await manager.query(
        `EXPLAIN ${OLDEST_CASE_BY_KEYS_SQL}`,
        [
          ['name_dob', 'nik'],
          ['x|2000-01-01', '1472010101900001'],
        ],
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index (Only )?Scan using ministry_case_link_pkey on ministry_case_link/);
    expect(plan).not.toMatch(/Seq Scan on ministry_case_link/);
  });

  it('a match on an entry of another case stays with that case (the entry links it; merging is a desk decision)', async () => {
    const other = arrest('kaltara', 'LP/A/80/VIII/2025/POLDA KALTARA', {
      fullName: 'Budi Santoso',
      sex: 'M',
    });
    await consumerSettledAt('POLICE', 'ministry-police', await publish(other, poldaSource('kaltara')));
    const otherCase = await caseOfEvent(other.id);
    const entry = (await api('GET', `/v1/cases/${otherCase}`)).body.watchlistEntryIds[0] as string;
    const fixture = validFixture('immigration.screening.matched.v1');
    const match = buildEvent(
      fixture.type,
      {
        ...fixture.data,
        screeningId: uuidv7(),
        checkpoint: 'nunukan',
        entryId: entry,
        entryVersion: 1,
        decision: 'deny',
        traveler: { fullName: 'Ahmad Fauzi', dateOfBirth: '1985-03-12', sex: 'M' },
      },
      { source: checkpointSource('nunukan') },
    );
    await consumerSettledAt(
      'IMMIGRATION',
      'ministry-immigration',
      await publish(match, checkpointSource('nunukan')),
    );
    expect(await caseOfEvent(match.id)).toBe(otherCase);
    const kase = await api('GET', `/v1/cases/${otherCase}`);
    expect(kase.body.checkpointMatches).toEqual([
      expect.objectContaining({ eventId: match.id, decision: 'deny' }),
    ]);
  });
});

describe('Idempotency-Key on the desk POST routes', () => {
  const cegah = {
    legalType: 'cegah',
    action: 'deny_departure',
    person: { fullName: 'Rahmat Hidayat', dateOfBirth: '1990-01-01', sex: 'M' },
    reason: 'Travel ban at the request of Polda Riau.',
    issuedBy: 'KP2MI desk',
    decisionNumber: 'KEP-12/2025',
    validFrom: '2025-07-10T00:00:00Z',
    validUntil: '2025-12-31T00:00:00Z',
  };

  async function expectReused(path: string, body: unknown, key: string): Promise<void> {
    const before = await counts();
    const reused = await api('POST', path, body, { 'idempotency-key': key });
    expect([path, reused.status, reused.body.code]).toEqual([path, 409, 'IDEMPOTENCY_KEY_REUSED']);
    expect(JSON.stringify(reused.body)).not.toContain('Rahmat');
    expect(await counts()).toEqual(before);
  }

  it('POST /v1/watchlist: a repeat returns the first result and writes nothing; another body is 409', async () => {
    const first = await api('POST', '/v1/watchlist', cegah, { 'idempotency-key': 'desk-issue-1' });
    expect(first.status).toBe(201);
    const after = await settledCounts();
    // Key order and surrounding whitespace do not make another request.
    const reordered = { ...Object.fromEntries(Object.entries(cegah).reverse()), reason: ` ${cegah.reason} ` };
    const repeat = await api('POST', '/v1/watchlist', reordered, { 'idempotency-key': 'desk-issue-1' });
    expect(repeat).toEqual(first);
    expect(await settledCounts()).toEqual(after);
    await expectReused('/v1/watchlist', { ...cegah, decisionNumber: 'KEP-13/2025' }, 'desk-issue-1');
    // Without a key, the same body is a new entry.
    const again = await api('POST', '/v1/watchlist', cegah);
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first.body.id);
  });

  it('POST /v1/watchlist/:id/reissue and /revoke: repeats replay, another body or another entry under the key is 409', async () => {
    const entry = (await api('POST', '/v1/watchlist', cegah)).body.id as string;
    const extension = {
      extensionDecisionNumber: 'KEP-12/2025/EXT',
      validUntil: '2026-07-01T00:00:00Z',
    };
    const reissued = await api('POST', `/v1/watchlist/${entry}/reissue`, extension, {
      'idempotency-key': 'desk-reissue-1',
    });
    expect(reissued.status).toBe(200);
    expect(reissued.body.version).toBe(2);
    const afterReissue = await settledCounts();
    const repeat = await api('POST', `/v1/watchlist/${entry}/reissue`, extension, {
      'idempotency-key': 'desk-reissue-1',
    });
    expect(repeat).toEqual(reissued);
    expect(await settledCounts()).toEqual(afterReissue);
    await expectReused(
      `/v1/watchlist/${entry}/reissue`,
      { validUntil: '2026-06-01T00:00:00Z' },
      'desk-reissue-1',
    );

    const revoked = await api(
      'POST',
      `/v1/watchlist/${entry}/revoke`,
      { reason: 'Lifted by court.' },
      {
        'idempotency-key': 'desk-revoke-1',
      },
    );
    expect(revoked).toMatchObject({ status: 200, body: { id: entry, version: 3 } });
    const afterRevoke = await settledCounts();
    // A repeat is the first answer, not 409 already revoked.
    const again = await api(
      'POST',
      `/v1/watchlist/${entry}/revoke`,
      { reason: 'Lifted by court.' },
      {
        'idempotency-key': 'desk-revoke-1',
      },
    );
    expect(again).toEqual(revoked);
    expect(await settledCounts()).toEqual(afterRevoke);
    await expectReused(`/v1/watchlist/${entry}/revoke`, { reason: 'Another reason.' }, 'desk-revoke-1');
    const otherEntry = (await api('POST', '/v1/watchlist', cegah)).body.id as string;
    await settledCounts();
    await expectReused(`/v1/watchlist/${otherEntry}/revoke`, { reason: 'Lifted by court.' }, 'desk-revoke-1');
    // Without a key, revoking twice is still 409 already revoked.
    expect((await api('POST', `/v1/watchlist/${entry}/revoke`, { reason: 'x' })).body.code).toBe(
      'MINISTRY.WATCHLIST_ENTRY_ALREADY_REVOKED',
    );
  });

  it('POST /v1/alerts/:id/acknowledge and /v1/companies/:id/sanctions: repeats replay, nothing written', async () => {
    const foiled = buildEvent(
      'police.departure.foiled.v1',
      { ...interceptionWithCandidates(3).data, interceptionId: uuidv7(), candidateCount: 3 },
      { source: poldaSource('riau') },
    );
    await consumerSettledAt('POLICE', 'ministry-police', await publish(foiled, poldaSource('riau')));
    const alert = (await api('GET', '/v1/alerts?status=open')).body.alerts[0].alertId as string;
    const ack = await api('POST', `/v1/alerts/${alert}/acknowledge`, undefined, {
      'idempotency-key': 'desk-ack-1',
    });
    expect(ack.body).toMatchObject({ alertId: alert, status: 'acknowledged' });
    const afterAck = await settledCounts();
    expect(
      await api('POST', `/v1/alerts/${alert}/acknowledge`, undefined, { 'idempotency-key': 'desk-ack-1' }),
    ).toEqual(ack);
    expect(await settledCounts()).toEqual(afterAck);
    const otherAlert = (await api('GET', '/v1/alerts?status=open')).body.alerts[0].alertId as string;
    await expectReused(`/v1/alerts/${otherAlert}/acknowledge`, undefined, 'desk-ack-1');

    const company = (await api('GET', '/v1/companies')).body.companies[0].companyId as string;
    const sanction = {
      sanction: 'warning',
      reason: 'Placement outside the legal scheme.',
      effectiveFrom: '2025-07-10T00:00:00Z',
    };
    const first = await api('POST', `/v1/companies/${company}/sanctions`, sanction, {
      'idempotency-key': 'desk-sanction-1',
    });
    expect(first.status).toBe(201);
    const afterSanction = await settledCounts();
    const repeat = await api('POST', `/v1/companies/${company}/sanctions`, sanction, {
      'idempotency-key': 'desk-sanction-1',
    });
    expect(repeat).toEqual(first);
    expect(await settledCounts()).toEqual(afterSanction);
    await expectReused(
      `/v1/companies/${company}/sanctions`,
      { ...sanction, sanction: 'suspension' },
      'desk-sanction-1',
    );
  });

  it('a 4xx stores no key: after a 400, the same key serves a corrected request; a bad key is 400', async () => {
    const before = await settledCounts();
    const bad = await api(
      'POST',
      '/v1/watchlist',
      { ...cegah, decisionNumber: undefined },
      { 'idempotency-key': 'desk-fix-1' },
    );
    expect(bad.status).toBe(400);
    expect(await counts()).toEqual(before);
    const fixed = await api('POST', '/v1/watchlist', cegah, { 'idempotency-key': 'desk-fix-1' });
    expect(fixed.status).toBe(201);
    const badKey = await api('POST', '/v1/watchlist', cegah, { 'idempotency-key': 'x'.repeat(201) });
    expect(badKey).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(badKey.body.details[0].path).toBe('headers.idempotency-key');
  });

  it('two identical requests at once are answered alike and issue one entry', async () => {
    const before = await settledCounts();
    const [a, b] = await Promise.all(
      [1, 2].map(() => api('POST', '/v1/watchlist', cegah, { 'idempotency-key': 'desk-race-1' })),
    );
    expect(a!.status).toBe(201);
    expect(b).toEqual(a);
    const after = await settledCounts();
    expect(after.entries).toBe(before.entries! + 1);
    expect(after.emitted).toBe(before.emitted! + 1);
  });
});

describe('case linking under concurrency, entries in one statement', () => {
  const person = (fullName: string): Person => ({ fullName, dateOfBirth: '1991-06-01', sex: 'F' });

  /** A transaction of its own on the service's pool; the caller commits or rolls back. */
  async function transaction() {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    return {
      manager: runner.manager,
      commit: async () => {
        await runner.commitTransaction();
        await runner.release();
      },
      rollback: async () => {
        await runner.rollbackTransaction();
        await runner.release();
      },
    };
  }

  function linkInput(keys: CaseLinkKey[]) {
    return {
      eventId: uuidv7(),
      eventType: 'police.arrest.recorded.v1',
      occurredAt: '2025-09-01T00:00:00Z',
      region: 'riau',
      keys,
    };
  }

  it('two events naming the same person at once, no case yet: the second waits for the first and joins its case', async () => {
    const cases = app.get(LinkEventsService);
    const siti = person('Siti Concurrent Aminah');
    const first = await transaction();
    const second = await transaction();
    const third = await transaction();
    try {
      const firstCase = await cases.link(
        first.manager,
        linkInput(caseKeys({ reportNumber: 'LP/C/1/2025', persons: [siti] })),
      );
      let secondCase: string | undefined;
      const secondLink = cases
        .link(second.manager, linkInput(caseKeys({ interceptionId: uuidv7(), persons: [siti] })))
        .then((id) => (secondCase = id));
      // An event sharing no key is not held up by the first (its lock is per key, not global).
      const otherCase = await cases.link(
        third.manager,
        linkInput(caseKeys({ reportNumber: 'LP/C/2/2025', persons: [person('Somebody Else Entirely')] })),
      );
      expect(otherCase).not.toBe(firstCase);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(secondCase).toBeUndefined(); // waiting for the first's lock on the person's keys
      await first.commit();
      await secondLink;
      expect(secondCase).toBe(firstCase);
      await second.commit();
      await third.commit();
    } finally {
      for (const t of [first, second, third]) await t.rollback().catch(() => undefined);
    }
    // Name links are stored as keyed hashes: found by hashing the key, as the service does.
    const [{ n }] = await dataSource.query(
      `SELECT count(DISTINCT case_id)::int AS n FROM ministry_case_link WHERE kind = 'name_dob' AND value = $1`,
      [app.get(PersonVault).index.ofText('name_dob', 'siti concurrent aminah|1991-06-01')],
    );
    expect(n).toBe(1);
  });

  it('a foiled departure and a checkpoint delay naming a new person, on two consumers at once, end in one case', async () => {
    const traveller = person('Rina Simultan');
    const base = interceptionWithCandidates(1).data;
    const foiled = buildEvent(
      'police.departure.foiled.v1',
      {
        ...base,
        interceptionId: uuidv7(),
        polda: 'riau',
        candidateCount: 1,
        candidates: [{ ...base.candidates[0]!, candidateId: uuidv7(), person: traveller }],
      },
      { source: poldaSource('riau') },
    );
    const delayFixture = validFixture('immigration.departure.delayed.v1');
    const delay = buildEvent(
      delayFixture.type,
      {
        ...delayFixture.data,
        delayId: uuidv7(),
        checkpoint: 'nunukan',
        occurredAt: '2025-09-02T03:05:00Z',
        validUntil: '2025-09-20T00:00:00Z',
        traveler: traveller,
      },
      { source: checkpointSource('nunukan') },
    );
    delete (delay.data as { entryId?: unknown }).entryId;
    delete (delay.data as { screeningId?: unknown }).screeningId;
    const [policeSeq, immigrationSeq] = await Promise.all([
      publish(foiled, poldaSource('riau')),
      publish(delay, checkpointSource('nunukan')),
    ]);
    await consumerSettledAt('POLICE', 'ministry-police', policeSeq);
    await consumerSettledAt('IMMIGRATION', 'ministry-immigration', immigrationSeq);
    expect(await caseOfEvent(delay.id)).toBe(await caseOfEvent(foiled.id));
  });

  it('issues automatic entries in one statement: first of a duplicated id wins, a repeat inserts and publishes nothing', async () => {
    const issuer = app.get(IssueAutomaticEntriesService);
    const fixture = interceptionWithCandidates(3);
    // Candidates of their own: entries are keyed by (Polda, candidateId), and the fixture's ids are issued above.
    const cause = buildEvent(
      fixture.type,
      { ...fixture.data, candidates: fixture.data.candidates.map((c) => ({ ...c, candidateId: uuidv7() })) },
      { source: fixture.source },
    );
    const decisions = entriesForFoiledDeparture(cause.data, cause.id);
    // The third candidate is the first one again (same candidateId), with another reason.
    decisions[2] = { ...decisions[0]!, reason: 'A duplicate of the first candidate.' };
    const caseId = uuidv7();
    type Issued = SimpulEvent<'ministry.watchlist.entry.issued.v1'>;
    const outboxOf = async (manager: EntityManager): Promise<Issued[]> => {
      const rows: Array<{ body: string }> = await manager.query(
        `SELECT body FROM bus_outbox WHERE event_type = 'ministry.watchlist.entry.issued.v1' ORDER BY id`,
      );
      return rows.map((r) => JSON.parse(r.body) as Issued).filter((e) => e.causationid === cause.id);
    };
    const t = await transaction();
    try {
      const issued = await issuer.issue(t.manager, decisions, caseId, cause);
      expect(issued).toHaveLength(2);
      const stored = await t.manager.query(
        `SELECT id, reason, valid_until, valid_until_at, last_event_id, case_id FROM ministry_watchlist_entry WHERE id = ANY($1::uuid[])`,
        [issued],
      );
      expect(stored).toHaveLength(2);
      const published = await outboxOf(t.manager);
      expect(published.map((e) => e.data.entryId)).toEqual(issued);
      for (const event of published) {
        const row = stored.find((r: { id: string }) => r.id === event.data.entryId);
        expect(row.reason).toBe(event.data.reason);
        expect(row.reason).not.toBe('A duplicate of the first candidate.');
        expect(row.last_event_id).toBe(event.id);
        expect(row.case_id).toBe(caseId);
        expect(new Date(row.valid_until_at).toISOString()).toBe(
          new Date(event.data.validUntil).toISOString(),
        );
      }
      // The same fact again (a re-delivery, or re-sent under a new event id): nothing new.
      const resent = { ...cause, id: uuidv7() };
      expect(await issuer.issue(t.manager, decisions, caseId, resent)).toEqual([]);
      expect(await outboxOf(t.manager)).toHaveLength(2);
    } finally {
      await t.rollback();
    }
  });
});
