// The police HTTP edge over real HTTP, PostgreSQL and NATS: hostile bodies and queries are refused
// with 400 naming the rule, and nothing is written.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { checkpointSource } from '@simpul/contracts';
import { validFixture } from '@simpul/contracts/testing';
import type { DataSource } from 'typeorm';
import { startPoliceTestApp, type PoliceTestApp } from '../testing/police-test-app.js';

jest.setTimeout(60_000);

const RIAU_TOKEN = 'riau-token-edge-0123456789abcdef';
const ACCESS = { 'simpul-official': 'NRP 84010123', 'simpul-purpose': 'case_handling' };

let t: PoliceTestApp;
let dataSource: DataSource;

async function send(
  method: string,
  path: string,
  text?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${t.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${RIAU_TOKEN}`,
      ...ACCESS,
      ...(text !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(text !== undefined ? { body: text } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function problemsOf(body: Record<string, unknown>): string[] {
  return ((body.details ?? []) as Array<{ path: string; rule: string }>).map((d) => `${d.path}:${d.rule}`);
}

/** Rows of state (the outbox row of a record is written in the same transaction as the record). */
async function written(): Promise<number> {
  const [row] = await dataSource.query(
    `SELECT (SELECT count(*)::int FROM arrests) + (SELECT count(*)::int FROM interceptions) AS n`,
  );
  return row.n as number;
}

beforeAll(async () => {
  t = await startPoliceTestApp({
    database: 'police_edge',
    units: [
      { unit: 'polda:riau', source: '/polri/polda/riau' },
      { unit: 'checkpoint:batam-center', source: checkpointSource('batam-center') },
    ],
    tokens: { [RIAU_TOKEN]: 'polda:riau' },
    env: { POLICE_UNITS: 'riau' },
  });
  ({ dataSource } = t);
});

afterAll(async () => {
  await t?.stop();
});

/** An arrest body as a Polda system sends it: the event data without generated ids. */
function arrestBody(): Record<string, unknown> {
  const { arrestId: _a, ...data } = validFixture('police.arrest.recorded.v1').data;
  return { ...data, polda: 'riau', suspects: data.suspects.map(({ suspectId: _s, ...suspect }) => suspect) };
}

describe('the police HTTP edge', () => {
  it('an arrest dated 9999-12-01 is 400 naming occurredAt and the rule, and writes nothing', async () => {
    const before = await written();
    const answer = await send(
      'POST',
      '/v1/arrests',
      JSON.stringify({ ...arrestBody(), occurredAt: '9999-12-01T00:00:00Z' }),
    );
    expect(answer.status).toBe(400);
    expect(problemsOf(answer.body)).toEqual(['occurredAt:dateTime']);
    expect(JSON.stringify(answer.body)).toContain('2100-12-31T23:59:59Z');
    expect(await written()).toBe(before);
    const inRange = await send(
      'POST',
      '/v1/arrests',
      JSON.stringify({ ...arrestBody(), occurredAt: '2100-12-31T23:59:59Z' }),
    );
    expect(inRange.status).toBe(201);
  });

  it('a body nested 40,000 levels deep is 400 naming the rule, not 500, and writes nothing', async () => {
    const before = await written();
    for (const path of ['/v1/arrests', '/v1/interceptions']) {
      const answer = await send(
        'POST',
        path,
        `{"polda":"riau","suspects":${'['.repeat(40_000)}${']'.repeat(40_000)}}`,
      );
      expect(answer.status).toBe(400);
      expect(problemsOf(answer.body)).toEqual([':maxDepth']);
    }
    expect(await written()).toBe(before);
  });

  it('an unknown query parameter on a read is 400 naming it, never its value', async () => {
    const nik = '3374010203750001';
    const answer = await send('GET', `/v1/arrests/0198a3b0-0000-7000-8000-000000000000?nik=${nik}`);
    expect(answer.status).toBe(400);
    expect(problemsOf(answer.body)).toEqual(['nik:unknownParameter']);
    expect(JSON.stringify(answer.body)).not.toContain(nik);
  });
});
