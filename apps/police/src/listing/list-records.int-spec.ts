// The police lists over real HTTP, PostgreSQL and NATS: GET /v1/arrests and /v1/interceptions page
// one Polda's records newest first, show nothing of another Polda's, refuse other units and bad
// paging parameters; and GET /v1/me names the caller.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { checkpointSource } from '@simpul/contracts';
import { validFixture } from '@simpul/contracts/testing';
import { startPoliceTestApp, type PoliceTestApp } from '../testing/police-test-app.js';

jest.setTimeout(60_000);

const RIAU_TOKEN = 'riau-token-list-0123456789abcdef';
const KEPRI_TOKEN = 'kepri-token-list-0123456789abcde';
/** A real Polda this deployment does not serve (POLICE_UNITS=riau,kepri). */
const KALBAR_TOKEN = 'kalbar-token-list-0123456789abcd';
const CHECKPOINT_TOKEN = 'batam-token-list-0123456789abcde';

let t: PoliceTestApp;

function arrestBody(polda: string, reportNumber: string): Record<string, unknown> {
  const { arrestId: _a, ...data } = validFixture('police.arrest.recorded.v1').data;
  return {
    ...data,
    polda,
    reportNumber,
    suspects: data.suspects.map(({ suspectId: _s, ...suspect }) => suspect),
  };
}

function interceptionBody(polda: string, candidateCount: number): Record<string, unknown> {
  const { interceptionId: _i, ...data } = validFixture('police.departure.foiled.v1').data;
  return {
    ...data,
    polda,
    candidateCount,
    candidates: data.candidates.map(({ candidateId: _c, ...c }) => c),
  };
}

async function post(path: string, token: string, body: unknown): Promise<string> {
  const res = await fetch(`${t.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

// A test reads whatever JSON the API answers and asserts on it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function get(path: string, token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(
    `${t.baseUrl}${path}`,
    token ? { headers: { authorization: `Bearer ${token}` } } : {},
  );
  return { status: res.status, body: await res.json() };
}

/** Every item of a list, page by page (`limit` each), and the pages' sizes. */
async function allPages(
  path: string,
  token: string,
  limit: number,
): Promise<{ ids: string[]; sizes: number[] }> {
  const ids: string[] = [];
  const sizes: number[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await get(`${path}?limit=${limit}${before ? `&before=${before}` : ''}`, token);
    expect(page.status).toBe(200);
    ids.push(...page.body.items.map((item: { id: string }) => item.id));
    sizes.push(page.body.items.length);
    if (page.body.next === undefined) return { ids, sizes };
    expect(page.body.next).toBe(page.body.items.at(-1).id);
    before = page.body.next;
  }
}

/** Ids recorded in order, per Polda. */
const riauArrests: string[] = [];
const riauInterceptions: string[] = [];
let kepriArrest: string;

beforeAll(async () => {
  t = await startPoliceTestApp({
    database: 'police_lists',
    units: [
      { unit: 'polda:riau', source: '/polri/polda/riau' },
      { unit: 'polda:kepri', source: '/polri/polda/kepri' },
      { unit: 'checkpoint:batam-center', source: checkpointSource('batam-center') },
    ],
    tokens: {
      [RIAU_TOKEN]: 'polda:riau',
      [KEPRI_TOKEN]: 'polda:kepri',
      [KALBAR_TOKEN]: 'polda:kalbar',
      [CHECKPOINT_TOKEN]: 'checkpoint:batam-center',
    },
    env: { POLICE_UNITS: 'riau,kepri' },
  });
  for (let i = 1; i <= 5; i++) {
    riauArrests.push(await post('/v1/arrests', RIAU_TOKEN, arrestBody('riau', `LP/B/${i}/VII/2025`)));
    if (i === 2) kepriArrest = await post('/v1/arrests', KEPRI_TOKEN, arrestBody('kepri', 'LP/K/1'));
  }
  for (const count of [58, 12, 3]) {
    riauInterceptions.push(await post('/v1/interceptions', RIAU_TOKEN, interceptionBody('riau', count)));
  }
  await post('/v1/interceptions', KEPRI_TOKEN, interceptionBody('kepri', 7));
});

afterAll(async () => {
  await t?.stop();
});

describe('GET /v1/arrests', () => {
  it('lists the caller’s Polda’s arrests newest first, with counts and no personal data', async () => {
    const { status, body } = await get('/v1/arrests', RIAU_TOKEN);
    expect(status).toBe(200);
    expect(body.next).toBeUndefined();
    expect(body.items.map((item: { id: string }) => item.id)).toEqual([...riauArrests].reverse());
    const fixture = validFixture('police.arrest.recorded.v1').data;
    const [newest] = body.items;
    expect(newest).toEqual({
      id: riauArrests[4],
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      polda: 'riau',
      reportNumber: 'LP/B/5/VII/2025',
      occurredAt: new Date(fixture.occurredAt).toISOString(),
      recordedAt: expect.any(String),
      location: fixture.location,
      suspects: fixture.suspects.length,
      interceptionId: fixture.interceptionId,
      legalBasis: fixture.legalBasis,
    });
    // The suspects are counted, never listed.
    const text = JSON.stringify(body);
    for (const suspect of fixture.suspects) {
      expect(text).not.toContain(suspect.person.fullName);
      if (suspect.person.nik) expect(text).not.toContain(suspect.person.nik);
    }
  });

  it('pages by `limit` and `before`, each arrest once, and only the caller’s Polda’s', async () => {
    expect(await allPages('/v1/arrests', RIAU_TOKEN, 2)).toEqual({
      ids: [...riauArrests].reverse(),
      sizes: [2, 2, 1],
    });
    // `next` only when older arrests remain: a page holding exactly the last ones has none.
    expect((await get('/v1/arrests?limit=5', RIAU_TOKEN)).body.next).toBeUndefined();
    expect(await allPages('/v1/arrests', KEPRI_TOKEN, 50)).toEqual({ ids: [kepriArrest], sizes: [1] });
    // Another Polda's id as the cursor reveals nothing of it: the caller's older arrests follow.
    const afterKepri = await get(`/v1/arrests?before=${kepriArrest}`, RIAU_TOKEN);
    expect(afterKepri.body.items.map((item: { id: string }) => item.id)).toEqual(
      riauArrests.slice(0, 2).reverse(),
    );
  });
});

describe('GET /v1/interceptions', () => {
  it('lists the caller’s Polda’s interceptions newest first, with the route and counts', async () => {
    const { status, body } = await get('/v1/interceptions', RIAU_TOKEN);
    expect(status).toBe(200);
    const fixture = validFixture('police.departure.foiled.v1').data;
    expect(body.items.map((item: { id: string }) => item.id)).toEqual([...riauInterceptions].reverse());
    expect(body.items.map((item: { candidateCount: number }) => item.candidateCount)).toEqual([3, 12, 58]);
    expect(body.items[0]).toEqual({
      id: riauInterceptions[2],
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      polda: 'riau',
      occurredAt: new Date(fixture.occurredAt).toISOString(),
      recordedAt: expect.any(String),
      location: fixture.location,
      route: fixture.route,
      candidateCount: 3,
      candidatesListed: fixture.candidates.length,
      placementCompany: fixture.placementCompany,
      suspectsArrested: fixture.suspectsArrested,
    });
    const text = JSON.stringify(body);
    for (const candidate of fixture.candidates) expect(text).not.toContain(candidate.person.fullName);
  });

  it('pages by `limit` and `before`', async () => {
    expect(await allPages('/v1/interceptions', RIAU_TOKEN, 1)).toEqual({
      ids: [...riauInterceptions].reverse(),
      sizes: [1, 1, 1],
    });
    expect((await allPages('/v1/interceptions', KEPRI_TOKEN, 200)).sizes).toEqual([1]);
  });
});

describe.each(['/v1/arrests', '/v1/interceptions'])('GET %s refuses', (path) => {
  it('a checkpoint’s token and an unserved Polda’s with 403, a missing or unknown token with 401', async () => {
    expect(await get(path, CHECKPOINT_TOKEN)).toMatchObject({
      status: 403,
      body: { code: 'AUTH.WRONG_UNIT' },
    });
    expect(await get(path, KALBAR_TOKEN)).toMatchObject({
      status: 403,
      body: { code: 'POLICE.POLDA_NOT_SERVED' },
    });
    expect(await get(path)).toMatchObject({ status: 401, body: { code: 'AUTH.TOKEN_MISSING' } });
  });

  it('a bad limit or cursor with 400 naming each parameter, never its value', async () => {
    for (const limit of ['0', '201', 'ten', '-1', '1.5']) {
      const res = await get(`${path}?limit=${limit}`, RIAU_TOKEN);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        { path: 'limit', rule: 'range', message: 'limit: must be an integer 1-200 [range]' },
      ]);
    }
    const both = await get(`${path}?limit=1000&before=LP-3171234567890123`, RIAU_TOKEN);
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(both.body.details.map((d: { path: string; rule: string }) => `${d.path}:${d.rule}`)).toEqual([
      'limit:range',
      'before:uuid',
    ]);
    expect(JSON.stringify(both.body)).not.toContain('3171234567890123');
    expect((await get(`${path}?offset=10`, RIAU_TOKEN)).body.details).toEqual([
      expect.objectContaining({ path: 'offset', rule: 'unknownParameter' }),
    ]);
  });
});

describe('GET /v1/me', () => {
  it('names the caller’s unit from the reference units', async () => {
    expect(await get('/v1/me', RIAU_TOKEN)).toEqual({
      status: 200,
      body: { unit: 'polda:riau', name: 'Polda Riau', kind: 'polda' },
    });
    expect((await get('/v1/me', CHECKPOINT_TOKEN)).body).toEqual({
      unit: 'checkpoint:batam-center',
      name: 'Pelabuhan Batam Center',
      kind: 'checkpoint',
    });
    expect(await get('/v1/me', 'not-a-registered-token-000000')).toMatchObject({
      status: 401,
      body: { code: 'AUTH.TOKEN_UNKNOWN' },
    });
  });
});
