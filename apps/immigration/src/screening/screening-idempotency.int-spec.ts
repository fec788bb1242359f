// Idempotency-Key on the checkpoint's POSTs (docs/contract.md §6), over real HTTP, PostgreSQL and
// NATS: a client retrying after a lost answer gets the first result, and the screening, the
// delay and their events exist once. Found by the fault suite (npm run chaos): without it a retried
// outcome answered 409 OUTCOME_ALREADY_RECORDED and the caller never learnt the delay's event id.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { MINISTRY_SOURCE } from '@simpul/contracts';
import { startImmigrationTestApp, type ImmigrationTestApp } from '../testing/immigration-test-app.js';

jest.setTimeout(60_000);

const TOKEN = 'batam-center-idempotency-token-0123';

let t: ImmigrationTestApp;

async function post(
  path: string,
  body: unknown,
  key: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${t.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function count(sql: string): Promise<number> {
  return (await t.dataSource.query(sql))[0].n as number;
}

const delayEvents = () =>
  count(`SELECT count(*)::int AS n FROM (
           SELECT event_id FROM bus_outbox WHERE event_type = 'immigration.departure.delayed.v1'
           UNION SELECT event_id FROM bus_ledger WHERE event_type = 'immigration.departure.delayed.v1') e`);

beforeAll(async () => {
  t = await startImmigrationTestApp({
    database: 'immigration_idempotency',
    units: [{ unit: 'ministry:service', source: MINISTRY_SOURCE }],
    tokens: { [TOKEN]: 'checkpoint:batam-center' },
    env: { IMMIGRATION_CHECKPOINTS: 'batam-center', IMMIGRATION_SITE: 'test', IMMIGRATION_PORT: '0' },
  });
});

afterAll(async () => {
  await t?.stop();
});

describe('Idempotency-Key at the checkpoint', () => {
  const screening = {
    checkpoint: 'batam-center',
    traveler: { fullName: 'Wulan Permata', dateOfBirth: '1991-03-14', sex: 'F' },
    travel: { destinationCountry: 'MYS', statedPurpose: 'tourism' },
  };

  it('a repeated screening returns the first one and stores nothing new', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM screenings`);
    const first = await post('/v1/screenings', screening, 'screen-1');
    const repeat = await post('/v1/screenings', screening, 'screen-1');
    expect([first.status, repeat.status]).toEqual([201, 201]);
    expect(repeat.body.screeningId).toBe(first.body.screeningId);
    expect(await count(`SELECT count(*)::int AS n FROM screenings`)).toBe(before + 1);
    const other = await post('/v1/screenings', { ...screening, checkpoint: 'batam-center ' }, 'screen-1');
    expect(other.status).toBe(201); // trimmed, the same request
    const reused = await post('/v1/screenings', { ...screening, travel: undefined }, 'screen-1');
    expect([reused.status, reused.body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('a repeated delay returns the first result with its event id, and publishes one event', async () => {
    const screened = await post('/v1/screenings', screening, 'screen-2');
    const path = `/v1/screenings/${String(screened.body.screeningId)}/outcome`;
    const outcome = { outcome: 'departure_delayed', officer: 'NIP-198001012005011001' };
    const before = await delayEvents();
    const first = await post(path, outcome, 'delay-2');
    const repeat = await post(path, outcome, 'delay-2');
    expect([first.status, repeat.status]).toEqual([201, 201]);
    expect(typeof first.body.eventId).toBe('string');
    expect(repeat.body).toEqual(first.body);
    expect(await delayEvents()).toBe(before + 1);
    // Without the key, a second outcome is still refused: an outcome is recorded once.
    const again = await post(path, outcome, 'delay-2-other');
    expect([again.status, again.body.code]).toEqual([409, 'IMMIGRATION.OUTCOME_ALREADY_RECORDED']);
  });
});
