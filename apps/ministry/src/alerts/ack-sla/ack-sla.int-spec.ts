// The acknowledgement SLA over real PostgreSQL and NATS, with two ministry instances on one
// database: a critical alert neither acknowledged nor dispatched raises exactly one sla_breached
// alert (and one ministry.alert.raised.v1), an acknowledged or dispatched one and a high one none,
// and an alert whose deadline passes while no instance runs is breached once after the restart.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { waitFor } from '@simpul/bus/testing';
import { uuidv7, type AlertSeverity } from '@simpul/contracts';
import { DataSource } from 'typeorm';
import { RaiseAlertService } from '../raise-alert/raise-alert.service.js';
import {
  startMinistryTestApp,
  watchMinistry,
  type MinistryTestApp,
  type MinistryWatch,
} from '../../testing/ministry-test-app.js';
import { AckSlaWatcher } from './ack-sla-watcher.service.js';

jest.setTimeout(60_000);

const DESK_TOKEN = randomBytes(32).toString('hex');
/** Long enough for both instances to stop before an alert's deadline in the restart test. */
const SLA_SECONDS = 4;

let t: MinistryTestApp;
/** A second instance of the same ministry: same database and nats-server, its own sweep. */
let replica: MinistryTestApp | undefined;
/** The instance started after both were stopped. */
let restarted: MinistryTestApp | undefined;
let watch: MinistryWatch;
const caseId = uuidv7();

interface AlertRow {
  id: string;
  case_id: string;
  kind: string;
  severity: string;
  region: string;
  summary: string;
  source_event_ids: string[];
  status: string;
  ack_due_at: Date | null;
  sla_breach_alert_id: string | null;
}

async function raiseAlert(
  through: MinistryTestApp,
  severity: AlertSeverity,
  kind: 'watchlist_match' | 'interception' = 'watchlist_match',
): Promise<string> {
  return through.dataSource.transaction((manager) =>
    through.app
      .get(RaiseAlertService)
      .raise(
        manager,
        caseId,
        { kind, severity, region: 'soekarno-hatta', summary: `test ${severity} alert` },
        { eventId: uuidv7(), factId: uuidv7() },
      ),
  );
}

async function alert(db: DataSource, id: string): Promise<AlertRow> {
  const [row] = await db.query(`SELECT * FROM ministry_alert WHERE id = $1`, [id]);
  return row;
}

async function breachesOf(db: DataSource, alertId: string): Promise<AlertRow[]> {
  return db.query(
    `SELECT * FROM ministry_alert WHERE kind = 'sla_breached' AND summary LIKE '%' || $1 || '%'`,
    [alertId],
  );
}

/** The ministry.alert.raised.v1 events of sla_breached alerts published so far, once the outbox is empty. */
async function publishedBreaches(db: DataSource): Promise<Array<{ alertId: string }>> {
  await waitFor(async () => (await db.query(`SELECT 1 FROM bus_outbox`)).length === 0, {
    description: 'the outbox to be relayed',
  });
  await watch.drain();
  return watch
    .of('ministry.alert.raised')
    .map((e) => e.data as { alertId: string; kind: string })
    .filter((d) => d.kind === 'sla_breached');
}

beforeAll(async () => {
  const tokens = { [DESK_TOKEN]: 'ministry:desk' };
  t = await startMinistryTestApp({
    database: 'ministry_ack_sla',
    tokens,
    defaultToken: DESK_TOKEN,
    env: { MINISTRY_ACK_SLA_SECONDS: String(SLA_SECONDS) },
  });
  replica = await startMinistryTestApp({
    database: 'unused',
    tokens,
    defaultToken: DESK_TOKEN,
    alongside: t,
  });
  watch = await watchMinistry(t, 'test-ack-sla-watch');
  await t.dataSource.query(
    `INSERT INTO ministry_case (id, region, opened_by_event_id) VALUES ($1, 'riau', $1)`,
    [caseId],
  );
});

afterAll(async () => {
  await restarted?.stop();
  await replica?.stop();
  await t?.stop();
});

describe('the acknowledgement SLA with two instances on one database', () => {
  let unanswered: string;
  let acknowledged: string;
  let dispatched: string;
  let high: string;

  beforeAll(async () => {
    // Raised before `unanswered`, through either instance: due no later than it, so every sweep
    // that reaches `unanswered` has already judged them.
    acknowledged = await raiseAlert(t, 'critical');
    dispatched = await raiseAlert(replica!, 'critical', 'interception');
    high = await raiseAlert(replica!, 'high');
    expect((await t.api('POST', `/v1/alerts/${acknowledged}/acknowledge`)).status).toBe(200);
    const sent = await replica!.api('POST', `/v1/alerts/${dispatched}/dispatch`, {
      team: 'Tim Reaksi Cepat Bandara',
      officer: 'NIP 198701012010011001',
    });
    expect(sent.status).toBe(201);
    unanswered = await raiseAlert(t, 'critical');
  });

  it('stamps a deadline on critical alerts only', async () => {
    const row = await alert(t.dataSource, unanswered);
    expect(row.ack_due_at).not.toBeNull();
    const [{ seconds }] = await t.dataSource.query(
      `SELECT extract(epoch FROM ack_due_at - raised_at)::int AS seconds FROM ministry_alert WHERE id = $1`,
      [unanswered],
    );
    expect(seconds).toBe(SLA_SECONDS);
    expect((await alert(t.dataSource, high)).ack_due_at).toBeNull();
  });

  it('raises exactly one sla_breached alert, high, same case and region, from the sources of the breached one', async () => {
    const breached = await waitFor(
      async () => {
        const row = await alert(t.dataSource, unanswered);
        return row.sla_breach_alert_id ? row : undefined;
      },
      { description: 'the unanswered critical alert to be breached', timeoutMs: 20_000 },
    );
    const breaches = await breachesOf(t.dataSource, unanswered);
    expect(breaches).toHaveLength(1);
    const [breach] = breaches;
    expect(breach).toMatchObject({
      id: breached.sla_breach_alert_id,
      case_id: caseId,
      kind: 'sla_breached',
      severity: 'high',
      region: 'soekarno-hatta',
      status: 'open',
      source_event_ids: breached.source_event_ids,
      // A breach has no SLA of its own.
      ack_due_at: null,
    });
    // Raised after the deadline, within the 10 s the contract allows.
    const [{ late }] = await t.dataSource.query(
      `SELECT extract(epoch FROM b.raised_at - a.ack_due_at) AS late
         FROM ministry_alert a JOIN ministry_alert b ON b.id = a.sla_breach_alert_id WHERE a.id = $1`,
      [unanswered],
    );
    expect(Number(late)).toBeGreaterThanOrEqual(0);
    expect(Number(late)).toBeLessThan(10);
    expect((await publishedBreaches(t.dataSource)).map((d) => d.alertId)).toEqual([breach!.id]);
  });

  it('never breaches an acknowledged, a dispatched or a high alert', async () => {
    for (const id of [acknowledged, dispatched, high]) {
      expect((await alert(t.dataSource, id)).sla_breach_alert_id).toBeNull();
      expect(await breachesOf(t.dataSource, id)).toEqual([]);
    }
  });

  it('raises nothing again on later sweeps of either instance', async () => {
    expect(await t.app.get(AckSlaWatcher).sweep()).toBe(0);
    expect(await replica!.app.get(AckSlaWatcher).sweep()).toBe(0);
    expect(await breachesOf(t.dataSource, unanswered)).toHaveLength(1);
    expect(await publishedBreaches(t.dataSource)).toHaveLength(1);
  });
});

describe('the acknowledgement SLA across a restart', () => {
  it('breaches once, after the restart, an alert whose deadline passed while no instance ran', async () => {
    await replica!.stop();
    replica = undefined;
    // Raised by the last instance running, which stops at once: its deadline passes with none up.
    const id = await raiseAlert(t, 'critical');
    // The first instance's app only: its nats-server and database stay for the one started after.
    await t.app.close();
    const db = new DataSource({ type: 'postgres', url: t.db.url });
    await db.initialize();
    try {
      // Both stopped before the deadline: nothing has been raised for it yet.
      const [before] = await db.query(
        `SELECT ack_due_at > now() AS pending, sla_breach_alert_id FROM ministry_alert WHERE id = $1`,
        [id],
      );
      expect(before).toEqual({ pending: true, sla_breach_alert_id: null });
      await waitFor(
        async () => {
          const [row] = await db.query(
            `SELECT ack_due_at <= now() AS due FROM ministry_alert WHERE id = $1`,
            [id],
          );
          return row.due === true;
        },
        { description: 'the deadline to pass with no instance running' },
      );
      expect((await alert(db, id)).sla_breach_alert_id).toBeNull();

      restarted = await startMinistryTestApp({
        database: 'unused',
        tokens: t.tokens,
        defaultToken: DESK_TOKEN,
        alongside: t,
      });
      const breached = await waitFor(async () => (await alert(db, id)).sla_breach_alert_id, {
        description: 'the alert to be breached after the restart',
        timeoutMs: 20_000,
      });
      expect(await restarted.app.get(AckSlaWatcher).sweep()).toBe(0);
      const breaches = await breachesOf(db, id);
      expect(breaches.map((b) => b.id)).toEqual([breached]);
      expect((await publishedBreaches(db)).map((d) => d.alertId)).toContain(breached);
      expect(await publishedBreaches(db)).toHaveLength(2);
    } finally {
      await db.destroy();
    }
  });
});
