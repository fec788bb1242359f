// The rapid response team over real HTTP, PostgreSQL and NATS: POST /v1/alerts/:id/dispatch (event,
// dueBy per severity, the alert acknowledged), POST /v1/dispatches/:id/report, GET /v1/dispatches and
// the dispatches on the case's timeline; every refusal names the field and the rule and changes nothing.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { waitFor } from '@simpul/bus/testing';
import { uuidv7, type AlertSeverity } from '@simpul/contracts';
import { RaiseAlertService } from '../alerts/raise-alert/raise-alert.service.js';
import { openAlertStream } from '../testing/alert-stream-client.js';
import {
  startMinistryTestApp,
  watchMinistry,
  type MinistryTestApp,
  type MinistryWatch,
} from '../testing/ministry-test-app.js';
import { PersonVault } from '../identities/person-vault.js';
import { REPORT_NOTE_COLUMN } from './report-dispatch/report-dispatch.service.js';

jest.setTimeout(30_000);

const DESK_TOKEN = randomBytes(32).toString('hex');
const RIAU_TOKEN = randomBytes(32).toString('hex');
const HOUR = 3600_000;

let t: MinistryTestApp;
let watch: MinistryWatch;
const caseId = uuidv7();

/** Raises an alert of `severity` on the test case, as a reaction would; its id. */
async function raiseAlert(severity: AlertSeverity): Promise<string> {
  return t.dataSource.transaction((manager) =>
    t.app
      .get(RaiseAlertService)
      .raise(
        manager,
        caseId,
        { kind: 'interception', severity, region: 'riau', summary: `test ${severity} alert` },
        { eventId: uuidv7(), factId: uuidv7() },
      ),
  );
}

const dispatch = (alertId: string, body: unknown, headers: Record<string, string> = {}) =>
  t.api('POST', `/v1/alerts/${alertId}/dispatch`, body, { headers });
const report = (dispatchId: string, body: unknown) =>
  t.api('POST', `/v1/dispatches/${dispatchId}/report`, body);
const team = { team: 'Tim Reaksi Cepat Riau', officer: 'NIP 198701012010011001' };

/** What a refused request must leave as it was: dispatches, alert states, published events. */
async function state(): Promise<unknown> {
  await waitFor(async () => (await t.dataSource.query(`SELECT 1 FROM bus_outbox`)).length === 0, {
    description: 'the outbox to be relayed',
  });
  await watch.drain();
  return {
    dispatches: await t.dataSource.query(`SELECT * FROM ministry_dispatch ORDER BY id`),
    alerts: await t.dataSource.query(`SELECT id, status, acknowledged_at FROM ministry_alert ORDER BY id`),
    events: watch.published.length,
  };
}

async function alertRow(id: string): Promise<{ status: string; acknowledged_by: string | null }> {
  const [row] = await t.dataSource.query(`SELECT status, acknowledged_by FROM ministry_alert WHERE id = $1`, [
    id,
  ]);
  return row;
}

async function dispatchedEvent(eventId: string) {
  return waitFor(
    async () => {
      await watch.drain();
      return watch.of('ministry.response.dispatched').find((e) => e.id === eventId);
    },
    { description: 'ministry.response.dispatched.v1 to be published' },
  );
}

function fieldsAndRules(body: Record<string, unknown>): string[][] {
  return (body.details as Array<{ path: string; rule: string }>).map((e) => [e.path, e.rule]);
}

beforeAll(async () => {
  t = await startMinistryTestApp({
    database: 'ministry_dispatches',
    tokens: { [DESK_TOKEN]: 'ministry:desk', [RIAU_TOKEN]: 'polda:riau' },
    defaultToken: DESK_TOKEN,
    // medium overridden; high short enough to become overdue within the test
    env: { MINISTRY_DISPATCH_DUE_MEDIUM_SECONDS: '5400', MINISTRY_DISPATCH_DUE_HIGH_SECONDS: '1' },
  });
  watch = await watchMinistry(t, 'test-dispatches-watch');
  await t.dataSource.query(
    `INSERT INTO ministry_case (id, region, opened_by_event_id) VALUES ($1, 'riau', $1)`,
    [caseId],
  );
});

afterAll(async () => {
  await t?.stop();
});

describe('POST /v1/alerts/:id/dispatch', () => {
  it('stores the dispatch, publishes it with dueBy 2 h after on a critical alert, and acknowledges the alert', async () => {
    const alertId = await raiseAlert('critical');
    const [{ change_seq: before }] = await t.dataSource.query(
      `SELECT change_seq FROM ministry_alert WHERE id = $1`,
      [alertId],
    );
    const stream = await openAlertStream(t.baseUrl, DESK_TOKEN, { after: before });
    try {
      const res = await dispatch(alertId, team);
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(['dueBy', 'eventId', 'id']);
      const event = await dispatchedEvent(res.body.eventId);
      expect(event.data).toEqual({
        dispatchId: res.body.id,
        alertId,
        caseId,
        team: team.team,
        dispatchedAt: expect.any(String),
        dueBy: res.body.dueBy,
      });
      const data = event.data as { dispatchedAt: string; dueBy: string };
      expect(Date.parse(data.dueBy) - Date.parse(data.dispatchedAt)).toBe(2 * HOUR);
      expect(event.correlationid).toBe(caseId);

      expect(await alertRow(alertId)).toEqual({ status: 'acknowledged', acknowledged_by: 'ministry:desk' });
      // The acknowledgement reaches the desks' alert stream like POST /v1/alerts/:id/acknowledge.
      const change = await stream.next('the alert acknowledged by the dispatch');
      expect(change.data).toMatchObject({ alertId, status: 'acknowledged', acknowledgedBy: 'ministry:desk' });

      const [stored] = await t.dataSource.query(`SELECT * FROM ministry_dispatch WHERE id = $1`, [
        res.body.id,
      ]);
      expect(stored).toMatchObject({
        alert_id: alertId,
        case_id: caseId,
        region: 'riau',
        severity: 'critical',
        officer: team.officer,
        dispatched_by: 'ministry:desk',
        event_id: res.body.eventId,
        reported_at: null,
      });
    } finally {
      stream.close();
    }
  });

  it('takes dueBy from the configured allowance of the severity (medium overridden, low by default)', async () => {
    for (const [severity, ms] of [
      ['medium', 5400_000],
      ['low', 7 * 24 * HOUR],
    ] as const) {
      const res = await dispatch(await raiseAlert(severity), team);
      expect(res.status).toBe(201);
      const data = (await dispatchedEvent(res.body.eventId)).data as { dispatchedAt: string; dueBy: string };
      expect(Date.parse(data.dueBy) - Date.parse(data.dispatchedAt)).toBe(ms);
    }
  });

  it('keeps the first acknowledgement of an alert already acknowledged', async () => {
    const alertId = await raiseAlert('low');
    expect((await t.api('POST', `/v1/alerts/${alertId}/acknowledge`)).status).toBe(200);
    const [{ acknowledged_at: first }] = await t.dataSource.query(
      `SELECT acknowledged_at FROM ministry_alert WHERE id = $1`,
      [alertId],
    );
    expect((await dispatch(alertId, team)).status).toBe(201);
    const [{ acknowledged_at: after }] = await t.dataSource.query(
      `SELECT acknowledged_at FROM ministry_alert WHERE id = $1`,
      [alertId],
    );
    expect(after).toEqual(first);
  });

  it('answers a repeat under the same Idempotency-Key with the first result, storing one dispatch', async () => {
    const alertId = await raiseAlert('medium');
    const key = { 'idempotency-key': `dispatch-${alertId}` };
    const first = await dispatch(alertId, team, key);
    const again = await dispatch(alertId, team, key);
    expect(first.status).toBe(201);
    expect(again).toEqual(first);
    const rows = await t.dataSource.query(`SELECT id FROM ministry_dispatch WHERE alert_id = $1`, [alertId]);
    expect(rows).toEqual([{ id: first.body.id }]);
  });

  it('refuses a second team while the first has not reported (409), changing nothing', async () => {
    const alertId = await raiseAlert('critical');
    expect((await dispatch(alertId, team)).status).toBe(201);
    const before = await state();
    const res = await dispatch(alertId, { ...team, team: 'Tim Kedua' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('MINISTRY.ALERT_ALREADY_DISPATCHED');
    expect(await state()).toEqual(before);
  });

  it('sends one of two teams dispatched on an alert at the same moment; the other is 409', async () => {
    const alertId = await raiseAlert('high');
    const answers = await Promise.all([
      dispatch(alertId, { ...team, team: 'Tim A' }),
      dispatch(alertId, { ...team, team: 'Tim B' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const rows = await t.dataSource.query(`SELECT id FROM ministry_dispatch WHERE alert_id = $1`, [alertId]);
    expect(rows).toEqual([{ id: answers.find((a) => a.status === 201)!.body.id }]);
  });

  it('answers 404 for an unknown alert or an id that is not a UUID', async () => {
    const unknown = await dispatch(uuidv7(), team);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('MINISTRY.ALERT_NOT_FOUND');
    expect((await dispatch('not-a-uuid', team)).status).toBe(404);
  });

  it('refuses a bad body naming each field and rule, changing nothing', async () => {
    const alertId = await raiseAlert('critical');
    const before = await state();
    const cases: Array<[unknown, string[][]]> = [
      [
        {},
        [
          ['officer', 'required'],
          ['team', 'required'],
        ],
      ],
      [{ team: 'x'.repeat(121), officer: 'o' }, [['team', 'maxLength']]],
      [{ team: 'T', officer: '   ' }, [['officer', 'minLength']]],
      [{ team: 'T', officer: 'o'.repeat(121) }, [['officer', 'maxLength']]],
      [
        { team: 7, officer: 7 },
        [
          ['officer', 'type'],
          ['team', 'type'],
        ],
      ],
      [{ ...team, dueBy: '2030-01-01T00:00:00Z' }, [['dueBy', 'unknownProperty']]],
      [[team], [['', 'type']]],
    ];
    for (const [body, expected] of cases) {
      const res = await dispatch(alertId, body);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(fieldsAndRules(res.body)).toEqual(expected);
      expect(JSON.stringify(res.body)).not.toContain('NIP');
    }
    expect(await state()).toEqual(before);
    expect((await alertRow(alertId)).status).toBe('open');
  });

  it('is for the ministry desk only', async () => {
    const alertId = await raiseAlert('critical');
    const res = await t.api('POST', `/v1/alerts/${alertId}/dispatch`, team, { token: RIAU_TOKEN });
    expect(res.status).toBe(403);
    expect((await alertRow(alertId)).status).toBe('open');
  });
});

describe('POST /v1/dispatches/:id/report', () => {
  let alertId: string;
  let dispatchId: string;

  beforeAll(async () => {
    alertId = await raiseAlert('critical');
    dispatchId = (await dispatch(alertId, team)).body.id;
  });

  it('refuses victimsAssisted missing or out of range with victims_assisted, and with another outcome', async () => {
    const before = await state();
    const cases: Array<[unknown, string[][]]> = [
      [{ outcome: 'victims_assisted' }, [['victimsAssisted', 'required']]],
      [{ outcome: 'victims_assisted', victimsAssisted: 0 }, [['victimsAssisted', 'range']]],
      [{ outcome: 'victims_assisted', victimsAssisted: 10_001 }, [['victimsAssisted', 'range']]],
      [{ outcome: 'victims_assisted', victimsAssisted: 1.5 }, [['victimsAssisted', 'type']]],
      [{ outcome: 'no_action', victimsAssisted: 2 }, [['victimsAssisted', 'notAllowed']]],
      [{ outcome: 'rescued' }, [['outcome', 'enum']]],
      [{}, [['outcome', 'required']]],
      [{ outcome: 'no_action', note: 'n'.repeat(1001) }, [['note', 'maxLength']]],
      [{ outcome: 'no_action', officer: 'x' }, [['officer', 'unknownProperty']]],
    ];
    for (const [body, expected] of cases) {
      const res = await report(dispatchId, body);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(fieldsAndRules(res.body)).toEqual(expected);
    }
    expect(await state()).toEqual(before);
  });

  it('answers 404 for an unknown dispatch', async () => {
    const res = await report(uuidv7(), { outcome: 'no_action' });
    expect([res.status, res.body.code]).toEqual([404, 'MINISTRY.DISPATCH_NOT_FOUND']);
    expect((await report('nope', { outcome: 'no_action' })).status).toBe(404);
  });

  it('records the report once, by whom and when, the note only encrypted; a second report is 409', async () => {
    const note = 'Korban Siti, +6281234567890, dibawa ke shelter';
    const res = await report(dispatchId, { outcome: 'victims_assisted', victimsAssisted: 3, note });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      dispatchId,
      outcome: 'victims_assisted',
      victimsAssisted: 3,
      reportedAt: expect.any(String),
    });
    const [row] = await t.dataSource.query(`SELECT * FROM ministry_dispatch WHERE id = $1`, [dispatchId]);
    expect(row).toMatchObject({
      outcome: 'victims_assisted',
      victims_assisted: 3,
      reported_by: 'ministry:desk',
    });
    expect(row.reported_at.toISOString()).toBe(res.body.reportedAt);
    expect(JSON.stringify(row)).not.toContain('Siti');
    expect(JSON.stringify(row)).not.toContain('6281234567890');
    expect(t.app.get(PersonVault).openField(row.report_note_encrypted, REPORT_NOTE_COLUMN, dispatchId)).toBe(
      note,
    );

    const before = await state();
    const again = await report(dispatchId, { outcome: 'no_action' });
    expect([again.status, again.body.code]).toEqual([409, 'MINISTRY.DISPATCH_ALREADY_REPORTED']);
    expect(await state()).toEqual(before);
  });

  it('lets another team be sent on the alert once the first has reported', async () => {
    const res = await dispatch(alertId, { ...team, team: 'Tim Kedua' });
    expect(res.status).toBe(201);
    expect((await report(res.body.id, { outcome: 'referred_to_police' })).status).toBe(200);
  });
});

describe('GET /v1/dispatches and the case timeline', () => {
  it('lists the open dispatches newest first by default; a short allowance becomes overdue', async () => {
    const res = await dispatch(await raiseAlert('high'), team);
    expect(res.status).toBe(201);
    const listed = await waitFor(
      async () => {
        const list = await t.api('GET', '/v1/dispatches');
        const item = list.body.dispatches.find((d: { dispatchId: string }) => d.dispatchId === res.body.id);
        return item?.overdue === true ? list.body.dispatches : undefined;
      },
      { description: 'the 1 s dispatch to read as overdue' },
    );
    expect(listed[0]).toEqual({
      dispatchId: res.body.id,
      alertId: expect.any(String),
      caseId,
      team: team.team,
      dispatchedAt: expect.any(String),
      dueBy: res.body.dueBy,
      status: 'open',
      overdue: true,
    });
    const times = listed.map((d: { dispatchedAt: string }) => d.dispatchedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(listed.every((d: { status: string }) => d.status === 'open')).toBe(true);
    // The critical ones have hours left.
    expect(listed.filter((d: { overdue: boolean }) => !d.overdue).length).toBeGreaterThan(0);
  });

  it('filters by status (open, reported, all) and refuses another, and bounds the page', async () => {
    const reported = (await t.api('GET', '/v1/dispatches?status=reported')).body.dispatches;
    const open = (await t.api('GET', '/v1/dispatches?status=open')).body.dispatches;
    const all = (await t.api('GET', '/v1/dispatches?status=all')).body.dispatches;
    expect(reported.length).toBe(2);
    expect(
      reported.every((d: { status: string; overdue: boolean }) => d.status === 'reported' && !d.overdue),
    ).toBe(true);
    expect(all.length).toBe(open.length + reported.length);
    expect((await t.api('GET', '/v1/dispatches?limit=1')).body.dispatches).toEqual([open[0]]);
    const bad = await t.api('GET', '/v1/dispatches?status=late&limit=0');
    expect(bad.status).toBe(400);
    expect(fieldsAndRules(bad.body)).toEqual([
      ['status', 'enum'],
      ['limit', 'range'],
    ]);
  });

  it('shows each dispatch of the case with its event id and report (never the note)', async () => {
    const res = await t.api('GET', `/v1/cases/${caseId}`);
    expect(res.status).toBe(200);
    const dispatches = res.body.dispatches as Array<Record<string, unknown>>;
    const rows: Array<{ id: string; event_id: string }> = await t.dataSource.query(
      `SELECT id, event_id FROM ministry_dispatch ORDER BY dispatched_at, id`,
    );
    expect(dispatches.map((d) => [d.dispatchId, d.eventId])).toEqual(rows.map((r) => [r.id, r.event_id]));
    const assisted = dispatches.find(
      (d) => d.report !== null && (d.report as { outcome: string }).outcome === 'victims_assisted',
    );
    expect(assisted).toMatchObject({
      status: 'reported',
      report: { outcome: 'victims_assisted', victimsAssisted: 3, reportedAt: expect.any(String) },
    });
    expect(dispatches.filter((d) => d.report === null).every((d) => d.status === 'open')).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain('Siti');
  });
});
