import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@simpul/bus/testing';
import type { AnyEvent } from '@simpul/contracts';
import type { Json } from '../support/api-client.js';
import { verifyAuditOf } from '../support/audit-verify.js';
import { cegahBody, checkpointEvents, groupIds, policeEvents } from '../support/ministry-workload.js';
import {
  instanceSettled,
  queryDatabase,
  startFleet,
  type Fleet,
  type Instance,
} from '../support/service-fleet.js';

// Two ministry processes on one database share the durables ministry-police and
// ministry-immigration, take HTTP writes round robin, and one of them is killed (SIGKILL) while it
// applies police events, then restarted. What they leave behind must be what one instance leaves
// after the same workload (same event ids): alerts, entries, cases and their links, checkpoint
// facts, prevented departures, the events published, and one unforked audit chain.

const DAY = 86_400_000;
const GROUPS = 16;
const CANDIDATES = 12;
/** Whole days, so both runs build identical events (every instant derives from it). */
const T0 = Math.floor(Date.now() / DAY) * DAY - 10 * DAY;
const DESK = 'ministry:desk';

let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet({
    name: 'min_replicas',
    units: ['ministry:service', 'polda:riau', 'polda:kepri', 'checkpoint:dumai', 'checkpoint:batam-center'],
    apiUnits: [DESK],
    ackWaitMs: 3000,
  });
}, 120_000);
afterAll(() => fleet?.stop(), 30_000);

interface Run {
  instances: Instance[];
  databaseUrl: string;
  /** The outcome of every HTTP write, in workload order (status and what identifies the result). */
  writes: string[];
}

/** Calls `path` on the instance chosen round robin by `n`; the answer must be 2xx unless `allowed`. */
async function desk(run: Run, n: number, method: string, path: string, body?: unknown, key?: string) {
  const instance = run.instances[n % run.instances.length]!;
  return fleet.api(instance, DESK, method, path, body, key ? { 'idempotency-key': key } : {});
}

async function settled(run: Run): Promise<void> {
  await waitFor(async () => (await Promise.all(run.instances.map(instanceSettled))).every(Boolean), {
    // Outbox rows the killed instance's relay had claimed come back when its lease ends (30 s).
    timeoutMs: 60_000,
    intervalMs: 100,
    description: 'both durables applied everything and the outbox is published',
  });
}

/**
 * Every third event again under another message id, past JetStream's de-duplication, as a relay
 * re-publishing after its window would: only the inboxes stand between these and a second apply.
 */
async function publishCopies(events: AnyEvent[]): Promise<void> {
  for (const event of events.filter((_, n) => n % 3 === 0)) await fleet.publish(event, `${event.id}-copy`);
}

/** The police phase; with `crash`, that instance is killed while the durable has deliveries in flight. */
async function policePhase(run: Run, crash?: Instance): Promise<void> {
  const events = Array.from({ length: GROUPS }, (_, g) => policeEvents(T0, g, CANDIDATES)).flat();
  const killed = crash
    ? (async () => {
        await waitFor(
          async () => {
            const info = await fleet.probe.jsm.consumers.info('POLICE', 'ministry-police');
            return info.num_ack_pending > 0 && info.ack_floor.stream_seq > 0;
          },
          { intervalMs: 5, description: 'police events in flight at the ministry' },
        );
        await crash.kill('SIGKILL');
        await crash.restart();
      })()
    : Promise.resolve();
  for (const event of events) await fleet.publish(event);
  await publishCopies(events);
  await killed;
  await settled(run);
}

/** Alerts and entries as the desk lists them. */
async function desksView(run: Run): Promise<{ alerts: Json[]; entries: Json[] }> {
  const alerts = await desk(run, 0, 'GET', '/v1/alerts?limit=1000');
  const entries = await desk(run, 0, 'GET', '/v1/watchlist?limit=5000');
  expect([alerts.status, entries.status]).toEqual([200, 200]);
  return { alerts: alerts.body.alerts as Json[], entries: entries.body.entries as Json[] };
}

/** Checkpoint events on the ministry's own entries, and the desk's writes, round robin, at once. */
async function checkpointAndDeskPhase(run: Run): Promise<void> {
  const { alerts, entries } = await desksView(run);
  const entryOf = (personId: string) => entries.find((e) => e.origin?.personId === personId)!;
  const interceptionAlert = (eventId: string) =>
    alerts.find((a) => a.kind === 'interception' && a.sourceEventIds.includes(eventId))!;
  const checkpoint = Array.from({ length: GROUPS }, (_, g) =>
    checkpointEvents(T0, g, entryOf(groupIds(g).fugitiveSuspectId).entryId),
  ).flat();
  const publishing = (async () => {
    for (const event of checkpoint) await fleet.publish(event);
    await publishCopies(checkpoint);
  })();
  const writes = await Promise.all(
    Array.from({ length: GROUPS }, async (_, g) => {
      const ids = groupIds(g);
      const alert = interceptionAlert(ids.foiledEventId);
      const out: string[] = [];
      const ack = await desk(run, g, 'POST', `/v1/alerts/${alert.alertId}/acknowledge`);
      out.push(`ack ${g} ${ack.status} ${ack.body.status}`);
      if (g % 4 === 0) {
        // Acknowledged again elsewhere: the first acknowledgement stands.
        const again = await desk(run, g + 1, 'POST', `/v1/alerts/${alert.alertId}/acknowledge`);
        out.push(`ack again ${g} ${again.status} ${again.body.acknowledgedBy}`);
      }
      if (g % 3 === 0) {
        // The same request under the same Idempotency-Key, on both instances at once: one entry.
        const body = cegahBody(T0, g, alert.caseId);
        const [first, repeat] = await Promise.all([
          desk(run, g, 'POST', '/v1/watchlist', body, `cegah-${g}`),
          desk(run, g + 1, 'POST', '/v1/watchlist', body, `cegah-${g}`),
        ]);
        out.push(`cegah ${g} ${first.status} ${repeat.status} same ${repeat.body.id === first.body.id}`);
      }
      if (g % 3 === 1) {
        // Two desks revoke the same entry at once: one revocation, the other told it is revoked.
        const path = `/v1/watchlist/${entryOf(ids.detainedSuspectId).entryId}/revoke`;
        const both = await Promise.all([
          desk(run, g, 'POST', path, { reason: `Released, group ${g}.` }),
          desk(run, g + 1, 'POST', path, { reason: `Released, group ${g}.` }),
        ]);
        out.push(
          `revoke ${g} ${both
            .map((r) => r.status)
            .sort()
            .join(' ')}`,
        );
      }
      return out;
    }),
  );
  run.writes.push(...writes.flat());
  await publishing;
  await settled(run);
}

interface Snapshot {
  alerts: string[];
  entries: string[];
  cases: string[];
  links: string[];
  facts: string[];
  prevented: Json[];
  published: Record<string, number>;
  processing: string[];
  deskSteps: Record<string, number>;
  writes: string[];
}

const sorted = (lines: string[]) => [...lines].sort();
const tally = (keys: string[]) =>
  keys.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});

/**
 * Everything the runs must agree on, free of what legitimately differs: a case's id is derived from
 * the event that opened it, which replicas may apply in another order, so a case is named by the
 * events it holds; desk-issued entries get fresh ids, so they are named by their decision number.
 */
async function snapshot(run: Run): Promise<Snapshot> {
  const query = (sql: string) => queryDatabase(run.databaseUrl, sql);
  const caseRows = await query(
    `SELECT case_id, array_agg(event_id::text ORDER BY event_id) AS events FROM ministry_case_event GROUP BY case_id`,
  );
  const caseName = new Map(caseRows.map((r) => [r.case_id as string, (r.events as string[]).join(',')]));
  const nameOf = (caseId: string | null | undefined) => (caseId ? (caseName.get(caseId) ?? 'missing') : '-');
  const links = await query(`SELECT kind, value, case_id FROM ministry_case_link`);
  const facts = await query(`SELECT * FROM ministry_case_checkpoint_fact`);
  const audit = await query(
    `SELECT action, record_type, record_id, event_id, unit, official FROM audit_log ORDER BY position`,
  );
  const { alerts, entries } = await desksView(run);
  const prevented = [];
  for (const groupBy of ['polda', 'checkpoint', 'month']) {
    prevented.push((await desk(run, 1, 'GET', `/v1/stats/prevented-departures?groupBy=${groupBy}`)).body);
  }
  return {
    alerts: sorted(
      alerts.map((a) =>
        [
          a.alertId,
          a.kind,
          a.severity,
          a.region,
          a.sourceEventIds.join(','),
          a.status,
          a.acknowledgedBy,
          nameOf(a.caseId),
        ].join(' '),
      ),
    ),
    entries: sorted(
      entries.map((e) =>
        [
          e.origin ? e.entryId : e.decisionNumber,
          e.version,
          e.legalType,
          e.action,
          e.status,
          e.person.fullName,
          e.validFrom,
          e.validUntil,
          e.origin?.eventId ?? '-',
          nameOf(e.caseId),
        ].join(' '),
      ),
    ),
    cases: sorted([...caseName.values()]),
    links: sorted(links.map((l) => `${l.kind} ${l.value} ${nameOf(l.case_id)}`)),
    facts: sorted(
      facts.map((f) =>
        [f.event_id, f.kind, f.fact_id, f.checkpoint, f.decision, f.entry_id, nameOf(f.case_id)].join(' '),
      ),
    ),
    prevented,
    published: await publishedByType(),
    // Processing steps of events, one per event and record: their ids are the workload's.
    processing: sorted(
      audit
        .filter((r) => r.event_id)
        .map((r) => [r.action, r.record_type, r.record_id, r.event_id, r.unit].join(' ')),
    ),
    // Desk writes (reads, which name an official, depend on how often the test polled).
    deskSteps: tally(audit.filter((r) => !r.event_id && !r.official).map((r) => `${r.action} ${r.unit}`)),
    writes: sorted(run.writes),
  };
}

/** The MINISTRY stream's events by type; fails on any alert, entry version or revocation published twice. */
async function publishedByType(): Promise<Record<string, number>> {
  const jsm = fleet.probe.jsm;
  const { state } = await jsm.streams.info('MINISTRY');
  const keys: string[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const event = JSON.parse(
      new TextDecoder().decode((await jsm.streams.getMessage('MINISTRY', { seq }))!.data),
    ) as Json;
    const d = event.data;
    keys.push(`${event.type} ${d.alertId ?? d.companyId ?? `${d.entryId} v${d.version}`}`);
  }
  const duplicated = Object.entries(tally(keys)).filter(([, n]) => n > 1);
  expect(duplicated).toEqual([]);
  return tally(keys.map((k) => k.split(' ')[0]!));
}

async function runWorkload(count: 1 | 2): Promise<{ run: Run; snap: Snapshot; audit: Json }> {
  const database = await fleet.database('ministry');
  const instances = await Promise.all(
    Array.from({ length: count }, () => fleet.start('ministry', { MINISTRY_DATABASE_URL: database.url })),
  );
  const run: Run = { instances, databaseUrl: database.url, writes: [] };
  await policePhase(run, count === 2 ? instances[1] : undefined);
  await checkpointAndDeskPhase(run);
  const snap = await snapshot(run);
  const audit = verifyAuditOf(run.databaseUrl);
  for (const instance of instances) await instance.process.stop();
  return { run, snap, audit };
}

describe('two ministry instances sharing their durables', () => {
  it('leave what one instance leaves, with one of them killed mid-workload', async () => {
    const one = await runWorkload(1);
    await fleet.resetBus();
    const two = await runWorkload(2);

    // What the workload must produce at all, so that two equally wrong runs cannot agree.
    const kinds = tally(one.snap.alerts.map((line) => line.split(' ')[1]!));
    expect(kinds).toEqual({
      interception: GROUPS,
      arrest: 2 * GROUPS,
      watchlist_match: GROUPS,
      departure_delayed: GROUPS / 2 + GROUPS / 4,
    });
    // One case per group, one per unlisted traveller delayed.
    expect(one.snap.cases).toHaveLength(GROUPS + GROUPS / 4);
    expect(one.snap.writes.filter((w) => w.startsWith('revoke'))).toEqual(
      Array.from({ length: GROUPS }, (_, g) => g)
        .filter((g) => g % 3 === 1)
        .map((g) => `revoke ${g} 200 409`)
        .sort(),
    );
    expect(
      one.snap.writes.filter((w) => w.startsWith('cegah')).every((w) => w.endsWith('201 201 same true')),
    ).toBe(true);
    expect(one.snap.published['ministry.watchlist.entry.issued.v1']).toBe(
      GROUPS * (CANDIDATES + 3) + Math.ceil(GROUPS / 3),
    );

    // Each event processed once: no processing step recorded twice.
    expect(new Set(one.snap.processing).size).toBe(one.snap.processing.length);

    expect(two.snap).toEqual(one.snap);
    for (const audit of [one.audit, two.audit]) expect(audit).toMatchObject({ intact: true, problems: [] });
    expect(two.audit.records).toBeGreaterThan(0);

    // The killed instance held deliveries: they came back (after ack wait) and were applied once.
    // Every delivery takes a consumer sequence, so those beyond the stream's are redeliveries.
    const police = await fleet.probe.jsm.consumers.info('POLICE', 'ministry-police');
    expect(police.delivered.consumer_seq).toBeGreaterThan(police.delivered.stream_seq);
  }, 150_000);
});
