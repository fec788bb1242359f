// P4MI referrals over real PostgreSQL and NATS: a checkpoint refer on a protective entry opens one
// referral per screening for that checkpoint's post, whatever redeliveries or instances apply it;
// the post lists its referrals and records each one's outcome once; the case's timeline shows both.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
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
import { startMinistryTestApp, type MinistryTestApp } from '../testing/ministry-test-app.js';
import { PersonVault } from '../identities/person-vault.js';
import { OpenReferralService } from './open-referral/open-referral.service.js';
import { REFERRAL_NOTE_COLUMN } from './record-outcome/record-outcome.service.js';

jest.setTimeout(30_000);

const DESK_TOKEN = randomBytes(32).toString('hex');
const RIAU_TOKEN = randomBytes(32).toString('hex');

let t: MinistryTestApp;
/** A second instance of the same ministry: same database and nats-server. */
let replica: MinistryTestApp;
let foiled: SimpulEvent<'police.departure.foiled.v1'>;
let caseId: string;
/** Protective entries of the foiled departure's candidates. */
let protective: string[];
let dpoEntry: string;
/** The screening of the one referral on a case of its own (a desk entry's). */
let referralOffCase: string;

type Match = SimpulEvent<'immigration.screening.matched.v1'>;

function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return t.api(method, path, body, { headers });
}

async function publishSettled(
  stream: string,
  durable: string,
  event: AnyEvent,
  source: string,
  msgId?: string,
) {
  await t.consumerSettledAt(stream, durable, await t.publish(event, source, msgId));
}

function match(
  checkpoint: string,
  entryId: string,
  decision: 'refer' | 'deny',
  screeningId: string = uuidv7(),
  traveler?: Match['data']['traveler'],
): Match {
  const fixture = validFixture('immigration.screening.matched.v1');
  const event = buildEvent(
    fixture.type,
    {
      ...fixture.data,
      screeningId,
      checkpoint,
      occurredAt: '2025-08-01T03:00:00Z',
      entryId,
      entryVersion: 1,
      decision,
      ...(traveler ? { traveler } : {}),
    },
    { source: checkpointSource(checkpoint) },
  );
  delete (event.data as { origin?: unknown }).origin;
  return event;
}

function publishMatch(event: Match, msgId?: string): Promise<void> {
  return publishSettled(
    'IMMIGRATION',
    'ministry-immigration',
    event,
    checkpointSource(event.data.checkpoint),
    msgId,
  );
}

async function referralRows(screeningId: string): Promise<Array<{ id: string; event_id: string }>> {
  return t.dataSource.query(`SELECT id, event_id FROM ministry_referral WHERE screening_id = $1`, [
    screeningId,
  ]);
}

/** The units of the audit rows of `action` on `recordId`. */
async function audited(action: string, recordId: string): Promise<Array<{ unit: string }>> {
  return t.dataSource.query(`SELECT unit FROM audit_log WHERE action = $1 AND record_id = $2`, [
    action,
    recordId,
  ]);
}

/** Whether the ministry applied this match event (its checkpoint fact is on a case). */
async function applied(eventId: string): Promise<boolean> {
  const rows: unknown[] = await t.dataSource.query(
    `SELECT 1 FROM ministry_case_checkpoint_fact WHERE event_id = $1`,
    [eventId],
  );
  return rows.length === 1;
}

beforeAll(async () => {
  const tokens = { [DESK_TOKEN]: 'ministry:desk', [RIAU_TOKEN]: 'polda:riau' };
  t = await startMinistryTestApp({
    database: 'ministry_referrals',
    units: [
      { unit: 'polda:riau', source: poldaSource('riau') },
      { unit: 'ministry:service', source: MINISTRY_SOURCE },
      { unit: 'checkpoint:batam-center', source: checkpointSource('batam-center') },
      { unit: 'checkpoint:nunukan', source: checkpointSource('nunukan') },
    ],
    tokens,
    defaultToken: DESK_TOKEN,
  });
  replica = await startMinistryTestApp({
    database: 'unused',
    tokens,
    defaultToken: DESK_TOKEN,
    alongside: t,
  });

  const base = interceptionWithCandidates(6).data;
  foiled = buildEvent(
    'police.departure.foiled.v1',
    {
      ...base,
      interceptionId: uuidv7(),
      candidates: base.candidates.map((c) => ({ ...c, candidateId: uuidv7() })),
    },
    { source: poldaSource('riau') },
  );
  await publishSettled('POLICE', 'ministry-police', foiled, poldaSource('riau'));
  const entries: Array<{ id: string; case_id: string }> = await t.dataSource.query(
    `SELECT id, case_id FROM ministry_watchlist_entry
      WHERE origin->>'eventId' = $1 AND legal_type = 'protective' ORDER BY id`,
    [foiled.id],
  );
  expect(entries).toHaveLength(6);
  caseId = entries[0]!.case_id;
  protective = entries.map((e) => e.id);

  const arrest = arrestWithSuspects(1);
  arrest.data.suspects[0]!.status = 'at_large';
  const arrested = buildEvent(
    'police.arrest.recorded.v1',
    { ...arrest.data, arrestId: uuidv7(), reportNumber: 'LP/B/77/VIII/2025/SPKT/POLDA RIAU' },
    { source: poldaSource('riau') },
  );
  delete (arrested.data as { interceptionId?: unknown }).interceptionId;
  await publishSettled('POLICE', 'ministry-police', arrested, poldaSource('riau'));
  const dpo: Array<{ id: string }> = await t.dataSource.query(
    `SELECT id FROM ministry_watchlist_entry WHERE origin->>'eventId' = $1 AND legal_type = 'dpo'`,
    [arrested.id],
  );
  expect(dpo).toHaveLength(1);
  dpoEntry = dpo[0]!.id;
}, 90_000);

afterAll(async () => {
  await replica?.stop();
  await t?.stop();
}, 30_000);

describe('a checkpoint refer on a protective entry opens a P4MI referral', () => {
  let first: Match;

  it("opens one for the checkpoint's post, listed with the screening, entry and case ids", async () => {
    first = match('batam-center', protective[0]!, 'refer');
    await publishMatch(first);
    const [row] = await referralRows(first.data.screeningId);
    expect(row).toBeDefined();
    const listed = await api('GET', '/v1/referrals?checkpoint=batam-center');
    expect(listed.status).toBe(200);
    expect(listed.body.referrals).toEqual([
      {
        referralId: row!.id,
        checkpoint: 'batam-center',
        screeningId: first.data.screeningId,
        entryId: protective[0],
        caseId,
        eventId: first.id,
        status: 'open',
        openedAt: '2025-08-01T03:00:00.000Z',
        outcome: null,
        outcomeAt: null,
      },
    ]);
    // Ids only: nothing of the traveller reaches the post's list.
    const text = JSON.stringify(listed.body).toLowerCase();
    expect(text).not.toContain(first.data.traveler.fullName.toLowerCase());
  });

  it('the same event redelivered, and the same screening under another event id, leave that one referral', async () => {
    // Another message id: JetStream's duplicate window does not drop it, the inbox has to.
    await publishMatch(first, `again-${first.id}`);
    const republished = match('batam-center', protective[0]!, 'refer', first.data.screeningId);
    expect(republished.id).not.toBe(first.id);
    await publishMatch(republished);
    // The second event was applied (its match is on the case), and opened nothing more.
    expect(await applied(republished.id)).toBe(true);
    expect(await referralRows(first.data.screeningId)).toEqual([
      expect.objectContaining({ event_id: first.id }),
    ]);
    const inbox: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM bus_inbox WHERE consumer = 'ministry-immigration' AND event_id = ANY($1::uuid[])`,
      [[first.id, republished.id]],
    );
    expect(inbox[0]!.n).toBe(2);
    // Opening is a processing step of the traveller's data: audited once, under the checkpoint.
    const [row] = await referralRows(first.data.screeningId);
    expect(await audited('referral.opened', row!.id)).toEqual([{ unit: 'checkpoint:batam-center' }]);
  });

  it('two instances applying one screening at once open one referral', async () => {
    const screeningId = uuidv7();
    const events = Array.from({ length: 8 }, () =>
      match('batam-center', protective[1]!, 'refer', screeningId),
    );
    const seqs = await Promise.all(events.map((e) => t.publish(e, checkpointSource('batam-center'))));
    await t.consumerSettledAt('IMMIGRATION', 'ministry-immigration', Math.max(...seqs));
    for (const e of events) expect(await applied(e.id)).toBe(true);
    expect(await referralRows(screeningId)).toHaveLength(1);
  });

  it('of two transactions opening one screening, the second waits for the first and adds nothing', async () => {
    const event = match('batam-center', protective[2]!, 'refer');
    const again = match('batam-center', protective[2]!, 'refer', event.data.screeningId);
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstInserted!: () => void;
    const inserted = new Promise<void>((resolve) => (firstInserted = resolve));
    const firstTx = t.dataSource.transaction(async (manager) => {
      const id = await t.app.get(OpenReferralService).openFor(manager, event, caseId, 'protective');
      firstInserted();
      await firstHolds;
      return id;
    });
    await inserted;
    const secondTx = replica.dataSource.transaction((manager) =>
      replica.app.get(OpenReferralService).openFor(manager, again, caseId, 'protective'),
    );
    // The second is blocked on the unique index by the first's uncommitted row.
    await waitFor(
      async () => {
        const rows: Array<{ n: number }> = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO ministry_referral%'`,
        );
        return rows[0]!.n === 1;
      },
      { description: 'the second insert to wait for the first', timeoutMs: 10_000 },
    );
    releaseFirst();
    const [opened, second] = await Promise.all([firstTx, secondTx]);
    expect(opened).toEqual(expect.any(String));
    expect(second).toBeUndefined();
    expect(await referralRows(event.data.screeningId)).toEqual([{ id: opened, event_id: event.id }]);
  });

  it('on a desk entry of no case, the referral carries the case the match joined', async () => {
    const person = { fullName: 'Dewi Lestari', dateOfBirth: '2001-04-09', sex: 'F' as const };
    const issued = await api('POST', '/v1/watchlist', {
      legalType: 'protective',
      action: 'refer',
      person,
      reason: 'Reported by her family as recruited without papers.',
      issuedBy: 'KP2MI desk',
      validFrom: '2025-07-20T00:00:00Z',
      validUntil: '2025-10-01T00:00:00Z',
    });
    expect(issued.status).toBe(201);
    const event = match('nunukan', issued.body.id as string, 'refer', uuidv7(), person);
    await publishMatch(event);
    const facts: Array<{ case_id: string }> = await t.dataSource.query(
      `SELECT case_id FROM ministry_case_checkpoint_fact WHERE event_id = $1`,
      [event.id],
    );
    expect(facts).toHaveLength(1);
    expect(facts[0]!.case_id).not.toBe(caseId);
    const rows: Array<{ case_id: string }> = await t.dataSource.query(
      `SELECT case_id FROM ministry_referral WHERE screening_id = $1`,
      [event.data.screeningId],
    );
    expect(rows).toEqual([{ case_id: facts[0]!.case_id }]);
    referralOffCase = event.data.screeningId;
  });

  it('a deny on a protective entry, and a refer on a dpo entry, open none', async () => {
    const deny = match('batam-center', protective[3]!, 'deny');
    const onDpo = match('batam-center', dpoEntry, 'refer');
    await publishMatch(deny);
    await publishMatch(onDpo);
    expect([await applied(deny.id), await applied(onDpo.id)]).toEqual([true, true]);
    expect(await referralRows(deny.data.screeningId)).toEqual([]);
    expect(await referralRows(onDpo.data.screeningId)).toEqual([]);
  });

  it('?checkpoint= lists only that post, and a bad query names the parameter and the rule', async () => {
    const atNunukan = match('nunukan', protective[4]!, 'refer');
    await publishMatch(atNunukan);
    const nunukan = await api('GET', '/v1/referrals?checkpoint=nunukan');
    expect(nunukan.body.referrals.map((r: { screeningId: string }) => r.screeningId).sort()).toEqual(
      [atNunukan.data.screeningId, referralOffCase].sort(),
    );
    const batam = await api('GET', '/v1/referrals?checkpoint=batam-center');
    expect(batam.body.referrals).toHaveLength(3);
    expect(batam.body.referrals.every((r: { checkpoint: string }) => r.checkpoint === 'batam-center')).toBe(
      true,
    );
    expect((await api('GET', '/v1/referrals')).body.referrals).toHaveLength(5);
    expect((await api('GET', '/v1/referrals?checkpoint=entikong')).body.referrals).toEqual([]);

    const bad = await api('GET', '/v1/referrals?checkpoint=Batam%20Center&status=pending&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string; rule: string }) => `${d.path}:${d.rule}`)).toEqual([
      'checkpoint:pattern',
      'status:enum',
      'limit:range',
    ]);
    const unknown = await api('GET', '/v1/referrals?post=nunukan');
    expect(unknown.status).toBe(400);
  });

  it("is the desk's: another unit is refused", async () => {
    for (const [method, path] of [
      ['GET', '/v1/referrals'],
      ['POST', `/v1/referrals/${uuidv7()}/outcome`],
    ] as const) {
      const answer = await t.api(
        method,
        path,
        method === 'POST' ? { outcome: 'counselled', officer: 'x' } : undefined,
        {
          token: RIAU_TOKEN,
        },
      );
      expect([path, answer.status, answer.body.code]).toEqual([path, 403, 'AUTH.WRONG_UNIT']);
    }
  });
});

describe('POST /v1/referrals/:id/outcome', () => {
  let referralId: string;
  let screeningId: string;
  let eventId: string;
  const note = 'Dijemput keluarga, Siti Aminah 081234567890.';

  beforeAll(async () => {
    const rows: Array<{ id: string; screening_id: string; event_id: string }> = await t.dataSource.query(
      `SELECT id, screening_id, event_id FROM ministry_referral WHERE entry_id = $1`,
      [protective[0]],
    );
    ({ id: referralId, screening_id: screeningId, event_id: eventId } = rows[0]!);
  });

  async function state(): Promise<Record<string, unknown>> {
    const [row] = await t.dataSource.query(
      `SELECT status, outcome, outcome_at, outcome_by, note_encrypted,
              (SELECT count(*)::int FROM http_idempotency_key) AS keys
         FROM ministry_referral WHERE id = $1`,
      [referralId],
    );
    return row;
  }

  it('refuses a bad body naming each field and rule, and an unknown referral, changing nothing', async () => {
    const before = await state();
    const path = `/v1/referrals/${referralId}/outcome`;
    const cases: Array<[unknown, string[]]> = [
      [{}, ['officer:required', 'outcome:required']],
      [
        { outcome: 'arrested', officer: '  ', extra: 1 },
        ['extra:unknownProperty', 'officer:minLength', 'outcome:enum'],
      ],
      [
        { outcome: 'counselled', officer: 'o'.repeat(121), note: 'n'.repeat(1001) },
        ['note:maxLength', 'officer:maxLength'],
      ],
      [['counselled'], [':type']],
    ];
    for (const [body, expected] of cases) {
      const answer = await api('POST', path, body, { 'idempotency-key': `bad-${expected.join()}` });
      expect([answer.status, answer.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(
        answer.body.details.map((d: { path: string; rule: string }) => `${d.path}:${d.rule}`).sort(),
      ).toEqual(expected);
    }
    const secret = await api('POST', path, { outcome: note, officer: 'P4MI-BTM-07', note });
    expect(secret.status).toBe(400);
    expect(JSON.stringify(secret.body)).not.toMatch(/Siti|0812/);
    for (const id of [uuidv7(), 'not-a-uuid']) {
      const missing = await api('POST', `/v1/referrals/${id}/outcome`, {
        outcome: 'counselled',
        officer: 'x',
      });
      expect([id, missing.status, missing.body.code]).toEqual([id, 404, 'MINISTRY.REFERRAL_NOT_FOUND']);
    }
    expect(await state()).toEqual(before);
  });

  it('records the outcome once: closed with its time and officer, the note only encrypted; a second is 409', async () => {
    const path = `/v1/referrals/${referralId}/outcome`;
    const body = { outcome: 'returned_home', officer: 'P4MI-BTM-07', note };
    const recorded = await api('POST', path, body, { 'idempotency-key': 'outcome-1' });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({
      referralId,
      screeningId,
      eventId,
      status: 'closed',
      outcome: 'returned_home',
      outcomeAt: expect.any(String),
    });
    expect(JSON.stringify(recorded.body)).not.toContain('Siti');

    // A retry under the same key learns the first answer; any other second outcome is refused.
    const retried = await api('POST', path, body, { 'idempotency-key': 'outcome-1' });
    expect([retried.status, retried.body]).toEqual([200, recorded.body]);
    const again = await api('POST', path, { outcome: 'counselled', officer: 'P4MI-BTM-08' });
    expect([again.status, again.body.code]).toEqual([409, 'MINISTRY.REFERRAL_OUTCOME_ALREADY_RECORDED']);

    const row = await state();
    expect(row).toMatchObject({ status: 'closed', outcome: 'returned_home', outcome_by: 'P4MI-BTM-07' });
    expect(row.note_encrypted).not.toContain('Siti');
    expect(
      t.app.get(PersonVault).openField(row.note_encrypted as string, REFERRAL_NOTE_COLUMN, referralId),
    ).toBe(note);
    const clear: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ministry_referral r WHERE row_to_json(r)::text ~ '(Siti|081234567890)'`,
    );
    expect(clear[0]!.n).toBe(0);
    const audited: Array<{ unit: string }> = await t.dataSource.query(
      `SELECT unit FROM audit_log WHERE action = 'referral.outcome_recorded' AND record_id = $1`,
      [referralId],
    );
    expect(audited).toEqual([{ unit: 'ministry:desk' }]);
  });

  it('the closed referral leaves the open list and shows under ?status=closed and all', async () => {
    const open = (await api('GET', '/v1/referrals?checkpoint=batam-center')).body.referrals;
    expect(open.map((r: { referralId: string }) => r.referralId)).not.toContain(referralId);
    const closed = (await api('GET', '/v1/referrals?checkpoint=batam-center&status=closed')).body.referrals;
    expect(closed).toEqual([
      expect.objectContaining({ referralId, status: 'closed', outcome: 'returned_home' }),
    ]);
    const all = (await api('GET', '/v1/referrals?checkpoint=batam-center&status=all')).body.referrals;
    // Open first, oldest first; the closed one after them.
    expect(all.map((r: { status: string }) => r.status)).toEqual(['open', 'open', 'closed']);
  });

  it("the case's timeline shows the referral and its outcome, ids only", async () => {
    const kase = await api('GET', `/v1/cases/${caseId}`);
    expect(kase.status).toBe(200);
    const recorded = kase.body.referrals.find((r: { referralId: string }) => r.referralId === referralId);
    expect(recorded).toEqual({
      referralId,
      screeningId,
      eventId,
      entryId: protective[0],
      checkpoint: 'batam-center',
      status: 'closed',
      openedAt: '2025-08-01T03:00:00.000Z',
      outcome: 'returned_home',
      outcomeAt: expect.any(String),
    });
    expect(kase.body.referrals).toHaveLength(4);
    expect(kase.body.referrals.filter((r: { status: string }) => r.status === 'open')).toHaveLength(3);
    expect(JSON.stringify(kase.body)).not.toContain('Siti');
  });
});
