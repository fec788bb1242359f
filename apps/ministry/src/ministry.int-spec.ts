// The ministry service in-process against a real PostgreSQL and a nats-server of this file's own:
// police events in (signed, as a Polda would publish them), state, HTTP and ministry events out.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { waitFor } from '@simpul/bus/testing';
import {
  buildEvent,
  checkpointSource,
  MINISTRY_SOURCE,
  poldaSource,
  uuidv7,
  type AnyEvent,
  type SimpulEvent,
} from '@simpul/contracts';
import { arrestWithSuspects, interceptionWithCandidates, validFixture } from '@simpul/contracts/testing';
import { AlertExpiringEntriesService } from './alerts/alert-expiring-entries/alert-expiring-entries.service.js';
import {
  startMinistryTestApp,
  watchMinistry,
  type MinistryTestApp,
  type MinistryWatch,
} from './testing/ministry-test-app.js';

jest.setTimeout(30_000);

const DESK_TOKEN = randomBytes(32).toString('hex');
const RIAU_TOKEN = randomBytes(32).toString('hex');

let t: MinistryTestApp;
let app: INestApplication;
let baseUrl: string;
/** Every ministry.* message seen by this test's own consumer, by subject. */
let watch: MinistryWatch;

function drainMinistry(): Promise<void> {
  return watch.drain();
}

function publishedOf(subject: string): AnyEvent[] {
  return watch.of(subject);
}

function api(method: string, path: string, body?: unknown, token = DESK_TOKEN) {
  return t.api(method, path, body, { token });
}

function publishPolice(event: AnyEvent, msgId?: string): Promise<number> {
  return t.publish(event, poldaSource('riau'), msgId);
}

function publishCheckpoint(event: AnyEvent): Promise<number> {
  return t.publish(event, checkpointSource('batam-center'));
}

function immigrationConsumerSettledAt(seq: number): Promise<void> {
  return t.consumerSettledAt(
    'IMMIGRATION',
    'ministry-immigration',
    seq,
    'ministry-immigration to acknowledge the published events',
  );
}

/** Waits until the ministry-police durable has delivered and acknowledged everything up to `seq`. */
function policeConsumerSettledAt(seq: number): Promise<void> {
  return t.consumerSettledAt(
    'POLICE',
    'ministry-police',
    seq,
    'ministry-police to acknowledge the published events',
  );
}

beforeAll(async () => {
  t = await startMinistryTestApp({
    database: 'ministry',
    units: [
      { unit: 'polda:riau', source: poldaSource('riau') },
      { unit: 'ministry:service', source: MINISTRY_SOURCE },
      { unit: 'checkpoint:batam-center', source: checkpointSource('batam-center') },
    ],
    tokens: { [DESK_TOKEN]: 'ministry:desk', [RIAU_TOKEN]: 'polda:riau' },
    defaultToken: DESK_TOKEN,
  });
  ({ app, baseUrl } = t);
  watch = await watchMinistry(t, 'test-ministry-watch');
}, 60_000);

afterAll(async () => {
  await t?.stop();
}, 30_000);

describe('the ministry service', () => {
  let foiled: SimpulEvent<'police.departure.foiled.v1'>;
  let arrest: SimpulEvent<'police.arrest.recorded.v1'>;
  let caseId: string;

  it('serves /health with its database and NATS', async () => {
    const response = await fetch(`${baseUrl}/health`);
    const body = (await response.json()) as { status: string; checks: Record<string, { status: string }> };
    expect(response.status).toBe(200);
    expect(body.checks.database?.status).toBe('up');
    expect(body.checks.nats?.status).toBe('up');
  });

  it('links a foiled departure of 58 and its arrest of 11 into one case, alerts, entries, company and stats', async () => {
    const interception = interceptionWithCandidates(58, { full: true }).data;
    foiled = buildEvent(
      'police.departure.foiled.v1',
      { ...interception, candidateCount: 58 },
      { source: poldaSource('riau') },
    );
    const suspects = arrestWithSuspects(11).data;
    arrest = buildEvent(
      'police.arrest.recorded.v1',
      {
        ...suspects,
        reportNumber: 'LP/B/999/VII/2025/SPKT/POLDA RIAU',
        interceptionId: foiled.data.interceptionId,
      },
      { source: poldaSource('riau') },
    );
    await publishPolice(foiled);
    const seq = await publishPolice(arrest);
    await policeConsumerSettledAt(seq);

    const alerts = await api('GET', '/v1/alerts');
    expect(alerts.status).toBe(200);
    const list = alerts.body.alerts as Array<{
      kind: string;
      severity: string;
      caseId: string;
      sourceEventIds: string[];
    }>;
    expect(list.map((a) => [a.kind, a.severity]).sort()).toEqual([
      ['arrest', 'high'],
      ['interception', 'critical'],
    ]);
    caseId = list[0]!.caseId;
    expect(new Set(list.map((a) => a.caseId))).toEqual(new Set([caseId]));

    const kase = await api('GET', `/v1/cases/${caseId}`);
    expect(kase.status).toBe(200);
    expect(new Set(kase.body.eventIds)).toEqual(new Set([foiled.id, arrest.id]));
    expect(kase.body.interceptionIds).toEqual([foiled.data.interceptionId]);
    // No person's name or NIK in the case view.
    const text = JSON.stringify(kase.body);
    for (const c of foiled.data.candidates) expect(text).not.toContain(c.person.nik!);

    const atLarge = arrest.data.suspects.filter((s) => s.status === 'at_large').length;
    await waitFor(
      async () => {
        await drainMinistry();
        return publishedOf('ministry.watchlist.entry.issued').length >= 58 + 11;
      },
      { description: '69 entries on the bus', timeoutMs: 20_000 },
    );
    const issued = publishedOf('ministry.watchlist.entry.issued') as Array<
      SimpulEvent<'ministry.watchlist.entry.issued.v1'>
    >;
    expect(issued).toHaveLength(69);
    const byType = (t: string) => issued.filter((e) => e.data.legalType === t);
    expect(byType('protective')).toHaveLength(58);
    expect(byType('dpo')).toHaveLength(atLarge);
    expect(byType('advisory')).toHaveLength(11 - atLarge);
    const protective = byType('protective')[0]!.data;
    expect(protective).toMatchObject({
      action: 'refer',
      version: 1,
      caseId,
      validFrom: foiled.data.occurredAt,
    });
    expect(protective.origin).toMatchObject({ unit: 'polda:riau', eventId: foiled.id });
    expect(Date.parse(protective.validUntil) - Date.parse(protective.validFrom)).toBe(90 * 86_400_000);
    expect(byType('dpo')[0]!.data.action).toBe('deny_departure');
    await waitFor(async () => {
      await drainMinistry();
      return publishedOf('ministry.alert.raised').length >= 2;
    });

    const companies = await api('GET', '/v1/companies');
    expect(companies.body.companies).toHaveLength(1);
    expect(companies.body.companies[0]).toMatchObject({ licenseNumber: 'KEP.123/PPTKLN/2021' });

    const stats = await api('GET', '/v1/stats/prevented-departures?groupBy=polda');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      groupBy: 'polda',
      groups: [{ key: 'riau', prevented: 58, eventIds: [foiled.id] }],
    });
    const byCheckpoint = await api('GET', '/v1/stats/prevented-departures?groupBy=checkpoint');
    expect(byCheckpoint.body.groups).toEqual([{ key: 'dumai', prevented: 58, eventIds: [foiled.id] }]);
    const outside = await api(
      'GET',
      '/v1/stats/prevented-departures?groupBy=month&from=2030-01-01T00:00:00Z',
    );
    expect(outside.body.groups).toEqual([]);
  }, 60_000);

  it('a redelivered or re-sent police event changes nothing', async () => {
    const before = {
      alerts: (await api('GET', '/v1/alerts')).body.alerts.length,
      entries: (await api('GET', '/v1/watchlist')).body.entries.length,
      stats: (await api('GET', '/v1/stats/prevented-departures')).body,
    };
    // The same event again (past JetStream's de-duplication), and the same facts under new event ids.
    await publishPolice(foiled, uuidv7());
    await publishPolice(arrest, uuidv7());
    await publishPolice(buildEvent(foiled.type, foiled.data, { source: foiled.source }));
    const seq = await publishPolice(buildEvent(arrest.type, arrest.data, { source: arrest.source }));
    await policeConsumerSettledAt(seq);

    expect((await api('GET', '/v1/alerts')).body.alerts).toHaveLength(before.alerts);
    expect((await api('GET', '/v1/watchlist')).body.entries).toHaveLength(before.entries);
    expect((await api('GET', '/v1/stats/prevented-departures')).body).toEqual(before.stats);
    await drainMinistry();
    expect(publishedOf('ministry.watchlist.entry.issued')).toHaveLength(69);
  }, 30_000);

  it('the desk revokes an entry with a higher version, on the bus; twice is 409', async () => {
    const entries = (await api('GET', '/v1/watchlist?legalType=dpo')).body.entries as Array<{
      entryId: string;
      version: number;
    }>;
    const entry = entries[0]!;
    const revoked = await api('POST', `/v1/watchlist/${entry.entryId}/revoke`, {
      reason: '  Arrested; warrant executed.  ',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: entry.entryId, version: entry.version + 1 });
    await waitFor(async () => {
      await drainMinistry();
      return publishedOf('ministry.watchlist.entry.revoked').length === 1;
    });
    const event = publishedOf(
      'ministry.watchlist.entry.revoked',
    )[0] as SimpulEvent<'ministry.watchlist.entry.revoked.v1'>;
    expect(event.data).toMatchObject({
      entryId: entry.entryId,
      version: entry.version + 1,
      reason: 'Arrested; warrant executed.',
    });
    const again = await api('POST', `/v1/watchlist/${entry.entryId}/revoke`, { reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('MINISTRY.WATCHLIST_ENTRY_ALREADY_REVOKED');
    const missingReason = await api('POST', `/v1/watchlist/${uuidv7()}/revoke`, {});
    expect([missingReason.status, missingReason.body.code]).toEqual([
      404,
      'MINISTRY.WATCHLIST_ENTRY_NOT_FOUND',
    ]);
  });

  it('the desk issues a cegah with a decision number (201); without one, 400 naming every bad field, nothing written', async () => {
    const person = { fullName: 'Budi Santoso', nik: arrest.data.suspects[0]!.person.nik, sex: 'M' };
    const before = (await api('GET', '/v1/watchlist')).body.entries.length;
    const bad = await api('POST', '/v1/watchlist', {
      legalType: 'cegah',
      action: 'deny_departure',
      person: { ...person, fullName: '' },
      reason: 'Request of Polda Riau',
      issuedBy: 'KP2MI desk',
      validFrom: '2025-07-06T00:00:00Z',
      validUntil: '2026-07-06T00:00:00Z',
      color: 'red',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const paths = (bad.body.details as Array<{ path: string; rule: string }>).map(
      (d) => `${d.path}:${d.rule}`,
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'decisionNumber:cegahRequiresDecisionNumber',
        'validUntil:cegahMaxDuration',
        'color:unknownProperty',
      ]),
    );
    expect(paths.some((p) => p.startsWith('person.fullName:'))).toBe(true);
    expect(JSON.stringify(bad.body)).not.toContain(person.nik!);
    expect((await api('GET', '/v1/watchlist')).body.entries).toHaveLength(before);

    const good = await api('POST', '/v1/watchlist', {
      legalType: 'cegah',
      action: 'deny_departure',
      person,
      reason: 'Request of Polda Riau',
      issuedBy: 'KP2MI desk',
      decisionNumber: 'KEP-77/2025',
      validFrom: '2025-07-06T00:00:00Z',
      validUntil: '2026-01-06T00:00:00Z',
    });
    expect(good.status).toBe(201);
    expect(good.body).toMatchObject({ version: 1 });
    await waitFor(async () => {
      await drainMinistry();
      return publishedOf('ministry.watchlist.entry.issued').some(
        (e) => (e.data as { entryId: string }).entryId === good.body.id,
      );
    });
    const listed = (await api('GET', '/v1/watchlist?legalType=cegah')).body.entries;
    // validUntil is in the past of this test's clock: the entry reads as expired (lapsed by itself).
    expect(listed).toEqual([
      expect.objectContaining({ entryId: good.body.id, status: 'expired', decisionNumber: 'KEP-77/2025' }),
    ]);
  });

  it('the desk re-issues an entry with a higher version (a cegah extension), validated by the contract', async () => {
    const issued = await api('POST', '/v1/watchlist', {
      legalType: 'cegah',
      action: 'deny_departure',
      person: { fullName: 'Agus Wijaya', sex: 'M' },
      reason: 'Request of Polda Riau',
      issuedBy: 'KP2MI desk',
      decisionNumber: 'KEP-78/2025',
      validFrom: '2026-11-01T00:00:00+07:00',
      validUntil: '2027-05-01T00:00:00+07:00',
    });
    expect(issued.status).toBe(201);
    const tooLong = await api('POST', `/v1/watchlist/${issued.body.id}/reissue`, {
      validUntil: '2027-11-01T00:00:00+07:00',
    });
    expect([tooLong.status, tooLong.body.details]).toEqual([
      400,
      [expect.objectContaining({ path: 'validUntil', rule: 'cegahMaxDuration' })],
    ]);
    const extended = await api('POST', `/v1/watchlist/${issued.body.id}/reissue`, {
      validUntil: '2027-11-01T00:00:00+07:00',
      extensionDecisionNumber: 'KEP-91/2027',
    });
    expect(extended.status).toBe(200);
    expect(extended.body.version).toBe(2);
    await waitFor(async () => {
      await drainMinistry();
      return publishedOf('ministry.watchlist.entry.issued').some(
        (e) =>
          (e.data as { entryId: string; version: number }).entryId === issued.body.id &&
          (e.data as { version: number }).version === 2,
      );
    });
    const listed = (await api('GET', '/v1/watchlist?legalType=cegah&status=active')).body.entries;
    expect(listed).toEqual([
      expect.objectContaining({
        entryId: issued.body.id,
        version: 2,
        extensionDecisionNumber: 'KEP-91/2027',
        decisionNumber: 'KEP-78/2025',
      }),
    ]);
  });

  it('alerts the desk once, 14 days before a cegah of a case lapses', async () => {
    const issued = await api('POST', '/v1/watchlist', {
      legalType: 'cegah',
      action: 'deny_departure',
      person: { fullName: 'Eko Hidayat', sex: 'M' },
      reason: 'Request of Polda Riau',
      issuedBy: 'KP2MI desk',
      decisionNumber: 'KEP-80/2025',
      validFrom: '2025-08-01T00:00:00Z',
      validUntil: '2026-02-01T00:00:00Z',
      caseId,
    });
    expect(issued.status).toBe(201);
    const expiring = app.get(AlertExpiringEntriesService);
    const now = new Date('2026-01-25T00:00:00Z');
    await expiring.run(now);
    await expiring.run(now);
    const alerts = (await api('GET', '/v1/alerts')).body.alerts as Array<{
      kind: string;
      caseId: string;
      sourceEventIds: string[];
    }>;
    expect(alerts.filter((a) => a.kind === 'entry_expiring')).toEqual([
      expect.objectContaining({ caseId, sourceEventIds: [issued.body.eventId] }),
    ]);
  });

  it('the desk acknowledges an alert and sanctions a company (published)', async () => {
    const alert = (await api('GET', '/v1/alerts?status=open')).body.alerts[0];
    const ack = await api('POST', `/v1/alerts/${alert.alertId}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ministry:desk' });
    expect((await api('GET', '/v1/alerts?status=acknowledged')).body.alerts).toHaveLength(1);
    expect((await api('GET', '/v1/alerts?status=closed')).status).toBe(400);

    const company = (await api('GET', '/v1/companies')).body.companies[0];
    const bad = await api('POST', `/v1/companies/${company.companyId}/sanctions`, {
      sanction: 'ban',
      effectiveFrom: 'soon',
    });
    expect(bad.status).toBe(400);
    expect((bad.body.details as Array<{ path: string }>).map((d) => d.path).sort()).toEqual([
      'effectiveFrom',
      'reason',
      'sanction',
    ]);
    const sanctioned = await api('POST', `/v1/companies/${company.companyId}/sanctions`, {
      sanction: 'suspension',
      reason: 'Placement outside the legal scheme (case linked).',
      effectiveFrom: '2025-07-10T00:00:00+07:00',
      caseId,
    });
    expect(sanctioned.status).toBe(201);
    await waitFor(async () => {
      await drainMinistry();
      return publishedOf('ministry.company.sanctioned').length === 1;
    });
    expect(publishedOf('ministry.company.sanctioned')[0]!.data).toMatchObject({
      companyId: company.companyId,
      sanction: 'suspension',
      company: { licenseNumber: 'KEP.123/PPTKLN/2021' },
    });
  });

  it('answers 403 to a token of another unit, 401 without a token, and writes nothing', async () => {
    // The fixtures date from July 2025, so their entries have lapsed by now (status expired).
    const entry = (await api('GET', '/v1/watchlist?legalType=advisory')).body.entries[0];
    for (const [method, path] of [
      ['GET', '/v1/alerts'],
      ['GET', `/v1/cases/${caseId}`],
      ['GET', '/v1/watchlist'],
      ['POST', `/v1/watchlist/${entry.entryId}/revoke`],
      ['GET', '/v1/companies'],
      ['GET', '/v1/stats/prevented-departures'],
    ] as const) {
      const response = await api(
        method,
        path,
        method === 'POST' ? { reason: 'not mine' } : undefined,
        RIAU_TOKEN,
      );
      expect([path, response.status, response.body.code]).toEqual([path, 403, 'AUTH.WRONG_UNIT']);
    }
    const after = (await api('GET', '/v1/watchlist?legalType=advisory')).body.entries.find(
      (e: { entryId: string }) => e.entryId === entry.entryId,
    );
    expect(after).toMatchObject({ version: entry.version, status: 'expired', revokedAt: null });
    const anonymous = await fetch(`${baseUrl}/v1/alerts`);
    expect(anonymous.status).toBe(401);
  });

  it('links a checkpoint match to the case of its entry (critical on dpo) and counts a delay as prevented', async () => {
    const dpo = (await api('GET', '/v1/watchlist?legalType=dpo')).body.entries[0] as {
      entryId: string;
      version: number;
      origin: { unit: string; eventId: string; personId: string };
    };
    const matchFixture = validFixture('immigration.screening.matched.v1');
    const match = buildEvent(
      matchFixture.type,
      {
        ...matchFixture.data,
        screeningId: uuidv7(),
        entryId: dpo.entryId,
        entryVersion: 1,
        decision: 'refer',
        origin: dpo.origin,
      },
      { source: checkpointSource('batam-center') },
    );
    const delayFixture = validFixture('immigration.departure.delayed.v1');
    const delay = buildEvent(
      delayFixture.type,
      { ...delayFixture.data, delayId: uuidv7(), entryId: dpo.entryId, screeningId: match.data.screeningId },
      { source: checkpointSource('batam-center') },
    );
    await publishCheckpoint(match);
    await immigrationConsumerSettledAt(await publishCheckpoint(delay));

    const alerts = (await api('GET', '/v1/alerts')).body.alerts as Array<{
      kind: string;
      severity: string;
      caseId: string;
    }>;
    expect(alerts.find((a) => a.kind === 'watchlist_match')).toMatchObject({ severity: 'critical', caseId });
    expect(alerts.find((a) => a.kind === 'departure_delayed')).toMatchObject({ severity: 'high', caseId });
    const kase = await api('GET', `/v1/cases/${caseId}`);
    expect(kase.body.eventIds).toEqual(expect.arrayContaining([match.id, delay.id]));

    const byCheckpoint = await api('GET', '/v1/stats/prevented-departures?groupBy=checkpoint');
    expect(byCheckpoint.body.groups).toEqual([
      { key: 'batam-center', prevented: 1, eventIds: [delay.id] },
      { key: 'dumai', prevented: 58, eventIds: [foiled.id] },
    ]);
    const byPolda = await api('GET', '/v1/stats/prevented-departures?groupBy=polda');
    expect(byPolda.body.groups).toEqual([{ key: 'riau', prevented: 58, eventIds: [foiled.id] }]);
    const byMonth = await api(
      'GET',
      '/v1/stats/prevented-departures?groupBy=month&from=2025-07-01T00:00:00Z&to=2025-08-01T00:00:00Z',
    );
    expect(byMonth.body.groups).toEqual([{ key: '2025-07', prevented: 59, eventIds: [foiled.id, delay.id] }]);
    const badQuery = await api('GET', '/v1/stats/prevented-departures?groupBy=island&from=yesterday');
    expect(badQuery.status).toBe(400);
    expect((badQuery.body.details as Array<{ path: string }>).map((d) => d.path)).toEqual([
      'groupBy',
      'from',
    ]);
  });

  it('links an arrest that arrives before its foiled departure into the same case (order does not matter)', async () => {
    const interceptionId = uuidv7();
    const base = interceptionWithCandidates(4).data;
    const laterFoiled = buildEvent(
      'police.departure.foiled.v1',
      {
        ...base,
        interceptionId,
        candidateCount: 4,
        candidates: base.candidates.map((c) => ({ ...c, candidateId: uuidv7() })),
      },
      { source: poldaSource('riau') },
    );
    const arrestData = arrestWithSuspects(2).data;
    const earlierArrest = buildEvent(
      'police.arrest.recorded.v1',
      {
        ...arrestData,
        arrestId: uuidv7(),
        reportNumber: 'LP/B/1000/VIII/2025/SPKT/POLDA RIAU',
        interceptionId,
        suspects: arrestData.suspects.map((s) => ({
          ...s,
          suspectId: uuidv7(),
          person: { fullName: s.person.fullName, sex: s.person.sex! },
        })),
      },
      { source: poldaSource('riau') },
    );
    await publishPolice(earlierArrest);
    await policeConsumerSettledAt(await publishPolice(laterFoiled));
    const alerts = (await api('GET', '/v1/alerts')).body.alerts as Array<{
      caseId: string;
      sourceEventIds: string[];
    }>;
    const arrestAlert = alerts.find((a) => a.sourceEventIds.includes(earlierArrest.id))!;
    const foiledAlert = alerts.find((a) => a.sourceEventIds.includes(laterFoiled.id))!;
    expect(arrestAlert.caseId).toBe(foiledAlert.caseId);
    expect(arrestAlert.caseId).not.toBe(caseId);
  });
});
