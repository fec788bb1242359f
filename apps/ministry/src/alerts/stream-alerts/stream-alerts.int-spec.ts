// GET /v1/alerts/stream over real HTTP, PostgreSQL and NATS: server-sent alerts after a cursor, then
// live ones, resumed with Last-Event-ID without duplicates, across two ministry instances sharing one
// database; and GET /v1/me of the ministry.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { waitFor } from '@simpul/bus/testing';
import { uuidv7 } from '@simpul/contracts';
import { AlertChanges } from './alert-changes.service.js';
import { RaiseAlertService } from '../raise-alert/raise-alert.service.js';
import { openAlertStream, type AlertStreamClient } from '../../testing/alert-stream-client.js';
import { startMinistryTestApp, type MinistryTestApp } from '../../testing/ministry-test-app.js';

jest.setTimeout(60_000);

const DESK_TOKEN = randomBytes(32).toString('hex');
const RIAU_TOKEN = randomBytes(32).toString('hex');

let t: MinistryTestApp;
/** A second instance of the same ministry: same database and nats-server. */
let replica: MinistryTestApp;
const caseId = uuidv7();
/** Alert ids in the order they were raised. */
const raised: string[] = [];
const open: AlertStreamClient[] = [];

/** Raises an alert through `through`'s RaiseAlertService, as a reaction would; its id. */
async function raiseAlert(through: MinistryTestApp = t): Promise<string> {
  const alertId = await through.dataSource.transaction((manager) =>
    through.app.get(RaiseAlertService).raise(
      manager,
      caseId,
      {
        kind: 'interception',
        severity: 'high',
        region: 'riau',
        summary: `test alert ${raised.length + 1}`,
      },
      { eventId: uuidv7(), factId: uuidv7() },
    ),
  );
  raised.push(alertId);
  return alertId;
}

async function stream(
  through: MinistryTestApp,
  options: { lastEventId?: string; after?: string } = {},
): Promise<AlertStreamClient> {
  const client = await openAlertStream(through.baseUrl, DESK_TOKEN, options);
  open.push(client);
  return client;
}

function get(path: string, headers: Record<string, string>) {
  return fetch(`${t.baseUrl}${path}`, { headers }).then(async (res) => ({
    status: res.status,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    body: (await res.json()) as any,
  }));
}

const desk = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${DESK_TOKEN}`, ...extra });

beforeAll(async () => {
  const tokens = { [DESK_TOKEN]: 'ministry:desk', [RIAU_TOKEN]: 'polda:riau' };
  t = await startMinistryTestApp({ database: 'ministry_alert_stream', tokens, defaultToken: DESK_TOKEN });
  replica = await startMinistryTestApp({
    database: 'unused',
    tokens,
    defaultToken: DESK_TOKEN,
    alongside: t,
  });
  await t.dataSource.query(
    `INSERT INTO ministry_case (id, region, opened_by_event_id) VALUES ($1, 'riau', $1)`,
    [caseId],
  );
  for (let i = 0; i < 52; i++) await raiseAlert();
});

afterAll(async () => {
  for (const client of open) client.close();
  await replica?.stop();
  await t?.stop();
});

describe('GET /v1/alerts/stream', () => {
  let lastId: string;

  it('starts with the latest 50 alerts in order, then sends one raised after connecting', async () => {
    const client = await stream(t);
    expect(client.status).toBe(200);
    const first = await client.take(50, 'the latest 50 alerts');
    expect(first.map((e) => e.data.alertId)).toEqual(raised.slice(2));
    expect(first.every((e) => e.event === 'alert')).toBe(true);
    const ids = first.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // The data is GET /v1/alerts's view of the alert.
    const listed = (await get('/v1/alerts?limit=1', desk())).body.alerts[0];
    expect(first.at(-1)!.data).toEqual(listed);

    const live = await raiseAlert();
    const next = await client.next('the alert raised after connecting');
    expect(next.data).toMatchObject({ alertId: live, status: 'open', caseId, region: 'riau' });
    expect(BigInt(next.id)).toBeGreaterThan(ids.at(-1)!);
    lastId = next.id;
    client.close();
    await waitFor(() => t.app.get(AlertChanges).following === 0, {
      description: 'the closed stream to stop following the feed',
    });
  });

  it('resumes after Last-Event-ID: the missed alerts and acknowledgements once each, then live ones', async () => {
    const missed = [await raiseAlert(), await raiseAlert()];
    const acknowledged = raised[10]!;
    const ack = await fetch(`${t.baseUrl}/v1/alerts/${acknowledged}/acknowledge`, {
      method: 'POST',
      headers: desk(),
    });
    expect(ack.status).toBe(200);

    const client = await stream(t, { lastEventId: lastId });
    const resumed = await client.take(3, 'the missed changes');
    expect(resumed.map((e) => [e.data.alertId, e.data.status])).toEqual([
      [missed[0], 'open'],
      [missed[1], 'open'],
      [acknowledged, 'acknowledged'],
    ]);
    expect(resumed[2]!.data.acknowledgedBy).toBe('ministry:desk');
    // Nothing else came before the next live alert: no duplicates of anything already received.
    const live = await raiseAlert();
    expect((await client.next('the next live alert')).data.alertId).toBe(live);

    // ?after= is the same cursor; Last-Event-ID wins over it (an EventSource reconnects with both).
    const byQuery = await stream(t, { after: lastId });
    expect((await byQuery.take(4)).map((e) => e.data.alertId)).toEqual([...missed, acknowledged, live]);
    const both = await stream(t, { after: '0', lastEventId: resumed[2]!.id });
    expect((await both.next()).data.alertId).toBe(live);
  });

  it('sends alerts raised and acknowledged through another instance on the same database', async () => {
    const [{ head }] = await t.dataSource.query(`SELECT max(change_seq)::text AS head FROM ministry_alert`);
    const client = await stream(t, { lastEventId: head });
    const elsewhere = await raiseAlert(replica);
    expect((await client.next('the alert raised by the other instance')).data).toMatchObject({
      alertId: elsewhere,
      status: 'open',
    });
    const ack = await fetch(`${replica.baseUrl}/v1/alerts/${elsewhere}/acknowledge`, {
      method: 'POST',
      headers: desk(),
    });
    expect(ack.status).toBe(200);
    expect((await client.next('its acknowledgement')).data).toMatchObject({
      alertId: elsewhere,
      status: 'acknowledged',
    });
  });

  it('ends its open streams when the instance shuts down', async () => {
    const other = await startMinistryTestApp({
      database: 'unused',
      tokens: {},
      defaultToken: DESK_TOKEN,
      alongside: t,
    });
    const client = await stream(other);
    await other.stop();
    await client.ended();
  });

  it('refuses another unit’s token, no token, and a bad cursor (naming it, not echoing it)', async () => {
    expect(await get('/v1/alerts/stream', { authorization: `Bearer ${RIAU_TOKEN}` })).toMatchObject({
      status: 403,
      body: { code: 'AUTH.WRONG_UNIT' },
    });
    expect((await get('/v1/alerts/stream', {})).status).toBe(401);
    const bad = await get('/v1/alerts/stream?after=-1', desk({ 'last-event-id': 'NIK3171234567890123' }));
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string; rule: string }) => `${d.path}:${d.rule}`)).toEqual([
      'Last-Event-ID:range',
      'after:range',
    ]);
    expect(JSON.stringify(bad.body)).not.toContain('3171234567890123');
    expect((await get('/v1/alerts/stream?since=1', desk())).body.details).toEqual([
      expect.objectContaining({ path: 'since', rule: 'unknownParameter' }),
    ]);
  });
});

describe('GET /v1/me', () => {
  it('names the ministry desk from the reference units, and answers 401 without a token', async () => {
    expect(await get('/v1/me', desk())).toEqual({
      status: 200,
      body: { unit: 'ministry:desk', name: 'KP2MI operations desk', kind: 'ministry' },
    });
    expect(await get('/v1/me', { authorization: `Bearer ${RIAU_TOKEN}` })).toEqual({
      status: 200,
      body: { unit: 'polda:riau', name: 'Polda Riau', kind: 'polda' },
    });
    expect(await get('/v1/me', {})).toMatchObject({ status: 401, body: { code: 'AUTH.TOKEN_MISSING' } });
  });
});
