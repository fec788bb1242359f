// The ministry's HTTP edge over real HTTP, PostgreSQL and NATS: what a hostile or careless body or
// query does (docs/contract.md, HTTP APIs). Each case changes nothing.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { DEFAULT_ACCESS, startMinistryTestApp, type MinistryTestApp } from './testing/ministry-test-app.js';

jest.setTimeout(30_000);

const DESK_TOKEN = randomBytes(32).toString('hex');
const NIK = '3374010203750001';

let t: MinistryTestApp;

/** Sends `text` as the raw JSON body: JSON.stringify cannot write a `__proto__` key or 40,000 levels. */
async function postRaw(
  path: string,
  text: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${t.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DESK_TOKEN}`, 'content-type': 'application/json', ...DEFAULT_ACCESS },
    body: text,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function problemsOf(body: Record<string, unknown>): string[] {
  return ((body.details ?? []) as Array<{ path: string; rule: string }>).map((d) => `${d.path}:${d.rule}`);
}

async function issueEntry(): Promise<string> {
  const issued = await t.api('POST', '/v1/watchlist', {
    legalType: 'cegah',
    action: 'deny_departure',
    person: { fullName: 'Budi Santoso', nik: NIK, sex: 'M' },
    reason: 'Request of Polda Riau',
    issuedBy: 'KP2MI desk',
    decisionNumber: 'KEP-77/2025',
    validFrom: '2025-07-06T00:00:00Z',
    validUntil: '2026-01-06T00:00:00Z',
  });
  expect(issued.status).toBe(201);
  return issued.body.id as string;
}

async function entryRow(id: string): Promise<{ status: string; version: number }> {
  const rows: Array<{ status: string; version: number }> = await t.dataSource.query(
    `SELECT status, version FROM ministry_watchlist_entry WHERE id = $1`,
    [id],
  );
  return rows[0]!;
}

async function auditCount(): Promise<number> {
  return (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n as number;
}

beforeAll(async () => {
  t = await startMinistryTestApp({
    database: 'ministry_edge',
    tokens: { [DESK_TOKEN]: 'ministry:desk' },
    defaultToken: DESK_TOKEN,
  });
}, 60_000);

afterAll(async () => {
  await t?.stop();
}, 30_000);

describe('the ministry HTTP edge', () => {
  it('a __proto__ key does not become the prototype: revoke with only __proto__.reason is 400 naming reason', async () => {
    const id = await issueEntry();
    const before = await entryRow(id);
    const answer = await postRaw(`/v1/watchlist/${id}/revoke`, '{"__proto__":{"reason":"x"}}');
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('VALIDATION_FAILED');
    expect(problemsOf(answer.body)).toEqual(expect.arrayContaining(['reason:required']));
    expect(await entryRow(id)).toEqual(before);
  });

  it('a body nested 40,000 levels deep is 400 naming the rule, not 500', async () => {
    const id = await issueEntry();
    const deep = `{"reason":${'['.repeat(40_000)}${']'.repeat(40_000)}}`;
    const answer = await postRaw(`/v1/watchlist/${id}/revoke`, deep);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('VALIDATION_FAILED');
    expect(problemsOf(answer.body)).toEqual([':maxDepth']);
    expect((await entryRow(id)).status).not.toBe('revoked');
  });

  it('an unknown query parameter is 400 naming it (never its value), and nothing is audited', async () => {
    const before = await auditCount();
    const answer = await t.api('GET', `/v1/watchlist?nik=${NIK}&limit=10`);
    expect(answer.status).toBe(400);
    expect(problemsOf(answer.body)).toEqual(['nik:unknownParameter']);
    expect(JSON.stringify(answer.body)).not.toContain(NIK);
    // A parameter name can itself be personal data: it is not echoed unless shaped like a name.
    const named = await t.api('GET', `/v1/alerts?${NIK}=1`);
    expect(named.status).toBe(400);
    expect(problemsOf(named.body)).toEqual(['*:unknownParameter']);
    expect(JSON.stringify(named.body)).not.toContain(NIK);
    expect(await auditCount()).toBe(before);
  });

  it('a list read is audited under the reading unit, never the URL or its query string', async () => {
    await issueEntry();
    const answer = await t.api('GET', '/v1/watchlist?legalType=cegah&limit=10');
    expect(answer.status).toBe(200);
    const rows: Array<{ record_id: string }> = await t.dataSource.query(
      `SELECT record_id FROM audit_log WHERE action = 'watchlist_entry.listed' ORDER BY position DESC LIMIT 1`,
    );
    expect(rows).toEqual([{ record_id: 'ministry:desk' }]);
  });
});
