// The immigration HTTP edge over real HTTP, PostgreSQL and NATS: hostile bodies and queries are
// refused with 400 naming the rule, and nothing is written.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { MINISTRY_SOURCE } from '@simpul/contracts';
import { startImmigrationTestApp, type ImmigrationTestApp } from './testing/immigration-test-app.js';

jest.setTimeout(60_000);

const TOKEN = 'batam-center-edge-token-0123456789';

let t: ImmigrationTestApp;

async function send(
  method: string,
  path: string,
  text?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${t.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(text !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(text !== undefined ? { body: text } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function problemsOf(body: Record<string, unknown>): string[] {
  return ((body.details ?? []) as Array<{ path: string; rule: string }>).map((d) => `${d.path}:${d.rule}`);
}

async function screenings(): Promise<number> {
  return (await t.dataSource.query(`SELECT count(*)::int AS n FROM screenings`))[0].n as number;
}

beforeAll(async () => {
  t = await startImmigrationTestApp({
    database: 'immigration_edge',
    units: [{ unit: 'ministry:service', source: MINISTRY_SOURCE }],
    tokens: { [TOKEN]: 'checkpoint:batam-center' },
    env: { IMMIGRATION_CHECKPOINTS: 'batam-center', IMMIGRATION_SITE: 'test', IMMIGRATION_PORT: '0' },
  });
});

afterAll(async () => {
  await t?.stop();
});

describe('GET /v1/me', () => {
  it('names the checkpoint from the reference units, and answers 401 for an unknown token', async () => {
    expect(await send('GET', '/v1/me')).toEqual({
      status: 200,
      body: { unit: 'checkpoint:batam-center', name: 'Pelabuhan Batam Center', kind: 'checkpoint' },
    });
    const unknown = await fetch(`${t.baseUrl}/v1/me`, {
      headers: { authorization: 'Bearer not-a-registered-token-0123' },
    });
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ code: 'AUTH.TOKEN_UNKNOWN' });
  });
});

describe('the immigration HTTP edge', () => {
  it('a screening body nested 40,000 levels deep is 400 naming the rule, not 500, and writes nothing', async () => {
    const before = await screenings();
    const answer = await send(
      'POST',
      '/v1/screenings',
      `{"checkpoint":"batam-center","traveler":${'['.repeat(40_000)}${']'.repeat(40_000)}}`,
    );
    expect(answer.status).toBe(400);
    expect(problemsOf(answer.body)).toEqual([':maxDepth']);
    expect(await screenings()).toBe(before);
  });

  it('an unknown query parameter is 400 naming it, never its value', async () => {
    const nik = '3374010203750001';
    const answer = await send('GET', `/v1/watchlist/status?nik=${nik}`);
    expect(answer.status).toBe(400);
    expect(problemsOf(answer.body)).toEqual(['nik:unknownParameter']);
    expect(JSON.stringify(answer.body)).not.toContain(nik);
  });
});
