// The cyber patrol at the ministry, in-process against a real PostgreSQL and a nats-server of this
// file's own: a finding joins the cases whose suspects or candidates carry one of its phone numbers
// or whose placement company it names, whichever arrives first; it is published with the cases it
// joined, raises a patrol_finding alert on a case with an active watchlist entry, and keeps its
// phone numbers and handle only encrypted or as blind indexes.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes, randomInt } from 'node:crypto';
import { AUDIT_LOCK_KEY } from '@simpul/audit';
import { pruneLedger } from '@simpul/bus';
import { waitFor } from '@simpul/bus/testing';
import { buildEvent, poldaSource, uuidv7, type AnyEvent, type SimpulEvent } from '@simpul/contracts';
import { validFixture } from '@simpul/contracts/testing';
import { PersonVault } from '../identities/person-vault.js';
import {
  DEFAULT_ACCESS,
  startMinistryTestApp,
  watchMinistry,
  type ApiAnswer,
  type MinistryTestApp,
  type MinistryWatch,
} from '../testing/ministry-test-app.js';

jest.setTimeout(30_000);

const DESK_TOKEN = randomBytes(32).toString('hex');

let t: MinistryTestApp;
let watch: MinistryWatch;
let vault: PersonVault;

type Finding = SimpulEvent<'ministry.patrol.finding.recorded.v1'>;

beforeAll(async () => {
  t = await startMinistryTestApp({
    database: 'ministry_patrol',
    tokens: { [DESK_TOKEN]: 'ministry:desk' },
    defaultToken: DESK_TOKEN,
  });
  vault = PersonVault.fromSettings(t.privacyKeys.encryptionKey, t.privacyKeys.indexKey);
  watch = await watchMinistry(t, 'test-patrol-watch');
}, 60_000);

afterAll(async () => {
  await t?.stop();
}, 30_000);

/** A fresh Indonesian mobile number: E.164 and as a recruiter writes it in an ad. */
function phone(): { e164: string; written: string } {
  const digits = String(randomInt(10_000_000, 99_999_999));
  return { e164: `+62812${digits}`, written: `0812-${digits.slice(0, 4)}-${digits.slice(4)}` };
}

function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * 3_600_000).toISOString();
}

/**
 * An arrest of one broker carrying `phoneNumber`, in a case of its own (its own report number, no
 * interception, a person without NIK, passport or birth date). At large: a DPO is issued, active
 * unless the arrest is older than its validity.
 */
function arrestOfBroker(
  phoneNumber: string,
  options: { occurredAt?: string; company?: string } = {},
): SimpulEvent<'police.arrest.recorded.v1'> {
  const { interceptionId: _interception, ...base } = validFixture('police.arrest.recorded.v1').data;
  const broker = base.suspects[0]!;
  return buildEvent(
    'police.arrest.recorded.v1',
    {
      ...base,
      arrestId: uuidv7(),
      reportNumber: `LP/B/${randomInt(1000, 9999)}/VIII/2025/SPKT/POLDA RIAU/${randomInt(1e6)}`,
      occurredAt: options.occurredAt ?? hoursAgo(1),
      suspects: [
        {
          suspectId: uuidv7(),
          status: 'at_large',
          role: broker.role,
          person: { fullName: `Broker ${randomInt(1e6)}`, phoneNumbers: [phoneNumber] },
          ...(options.company ? { company: { name: options.company } } : {}),
        },
      ],
    },
    { source: poldaSource('riau') },
  );
}

async function publishPolice(event: AnyEvent): Promise<void> {
  const seq = await t.publish(event, poldaSource('riau'), randomBytes(8).toString('hex'));
  await t.consumerSettledAt('POLICE', 'ministry-police', seq);
}

async function caseOf(eventId: string): Promise<string> {
  const rows: Array<{ case_id: string }> = await t.dataSource.query(
    `SELECT case_id FROM ministry_case_event WHERE event_id = $1`,
    [eventId],
  );
  expect(rows).toHaveLength(1);
  return rows[0]!.case_id;
}

async function patrolAlertsOn(
  caseId: string,
): Promise<Array<{ id: string; severity: string; summary: string; source_event_ids: string[] }>> {
  return t.dataSource.query(
    `SELECT id, severity, summary, source_event_ids FROM ministry_alert WHERE case_id = $1 AND kind = 'patrol_finding'`,
    [caseId],
  );
}

function findingBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    platform: 'facebook',
    url: `https://www.facebook.com/groups/loker-malaysia/posts/${randomInt(1e9)}`,
    postedAt: hoursAgo(30),
    accountHandle: `loker.cepat.${randomInt(1e6)}`,
    companyName: `PT Test Company ${randomInt(1e9)}`,
    destinationCountry: 'MYS',
    summary: 'Kebun sawit jobs in Johor, no fee, departure from Dumai within a week.',
    region: 'riau',
    ...overrides,
  };
}

function record(body: unknown, key = randomBytes(8).toString('hex')): Promise<ApiAnswer> {
  return t.api('POST', '/v1/patrol/findings', body, { headers: { 'idempotency-key': key } });
}

async function published(findingId: string): Promise<Finding> {
  return waitFor(
    async () => {
      await watch.drain();
      return (watch.of('ministry.patrol.finding.recorded') as Finding[]).find(
        (e) => e.data.findingId === findingId,
      );
    },
    { description: 'the finding on the bus', timeoutMs: 20_000 },
  );
}

async function findingCount(): Promise<number> {
  return (await t.dataSource.query(`SELECT count(*)::int AS n FROM ministry_patrol_finding`))[0].n;
}

describe('a finding after an arrest carrying its phone number', () => {
  const broker = phone();
  let arrest: SimpulEvent<'police.arrest.recorded.v1'>;
  let caseId: string;
  let recorded: ApiAnswer;
  let body: Record<string, unknown>;

  beforeAll(async () => {
    arrest = arrestOfBroker(broker.e164);
    await publishPolice(arrest);
    caseId = await caseOf(arrest.id);
    body = findingBody({ phoneNumbers: [broker.written] });
    recorded = await record(body, 'forward-finding');
  });

  it('links to the case of the arrest and publishes the finding with that case, its number in E.164', async () => {
    expect(recorded.status).toBe(201);
    expect(recorded.body).toEqual({ id: expect.any(String), eventId: expect.any(String), caseIds: [caseId] });
    const event = await published(recorded.body.id as string);
    expect(event.id).toBe(recorded.body.eventId);
    expect(event.data.caseIds).toEqual([caseId]);
    expect(event.data.phoneNumbers).toEqual([broker.e164]);
    expect(event.data.region).toBe('riau');
  });

  it('stores the number and the handle only encrypted, the number also as its blind index', async () => {
    const rows: Array<{ phone_numbers_encrypted: string; account_handle_encrypted: string }> =
      await t.dataSource.query(
        `SELECT phone_numbers_encrypted, account_handle_encrypted FROM ministry_patrol_finding WHERE id = $1`,
        [recorded.body.id],
      );
    expect(rows[0]!.phone_numbers_encrypted).toMatch(/^v1\.test\./);
    expect(rows[0]!.account_handle_encrypted).toMatch(/^v1\.test\./);
    const indexes: Array<{ phone_index: string }> = await t.dataSource.query(
      `SELECT phone_index FROM ministry_patrol_finding_phone WHERE finding_id = $1`,
      [recorded.body.id],
    );
    expect(indexes).toEqual([{ phone_index: vault.phoneIndex(broker.e164) }]);
    await waitFor(
      async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM bus_outbox`))[0].n === 0,
      { description: 'the outbox relayed', timeoutMs: 20_000 },
    );
    // The published copy the producer ledger keeps for a republish goes with its retention.
    await pruneLedger(t.dataSource, { retentionMs: 0 });
    const digits = broker.e164.slice(3);
    const needles = [digits, broker.written, body.accountHandle as string];
    expect(await plaintextHits(needles)).toEqual([]);
  });

  it('raises one high patrol_finding alert on the case (the broker’s DPO is active), naming no number, handle or URL', async () => {
    const alerts = await patrolAlertsOn(caseId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.severity).toBe('high');
    expect(alerts[0]!.source_event_ids).toEqual([recorded.body.eventId]);
    for (const secret of [broker.e164.slice(3), body.accountHandle as string, body.url as string]) {
      expect(alerts[0]!.summary).not.toContain(secret);
    }
  });

  it('answers a repeat under the same Idempotency-Key with the first result, recording once', async () => {
    const before = await findingCount();
    const again = await record(body, 'forward-finding');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(recorded.body);
    expect(await findingCount()).toBe(before);
    expect(await patrolAlertsOn(caseId)).toHaveLength(1);
  });

  it('shows on the case timeline', async () => {
    const found = await t.api('GET', `/v1/cases/${caseId}`);
    expect(found.status).toBe(200);
    expect(found.body.patrolFindings).toEqual([
      {
        findingId: recorded.body.id,
        eventId: recorded.body.eventId,
        linkedAt: expect.any(String),
        linkedByEventId: recorded.body.eventId,
      },
    ]);
  });

  it('is found by ?phone= through the blind index, the read audited with official and purpose', async () => {
    const listed = await t.api('GET', `/v1/patrol/findings?phone=${encodeURIComponent(broker.written)}`);
    expect(listed.status).toBe(200);
    expect(listed.body.findings.map((f: { findingId: string }) => f.findingId)).toEqual([recorded.body.id]);
    const [item] = listed.body.findings;
    expect(item).toMatchObject({ caseIds: [caseId], phoneNumberCount: 1 });
    expect(item.identifiersWithheld).toEqual(['phoneNumbers', 'accountHandle']);
    expect(JSON.stringify(listed.body)).not.toContain(broker.e164.slice(3));
    expect(JSON.stringify(listed.body)).not.toContain(body.accountHandle);
    const audits: Array<{ official: string; purpose: string; record_id: string; subject_refs: string[] }> =
      await t.dataSource.query(
        `SELECT official, purpose, record_id, subject_refs FROM audit_log
          WHERE action = 'patrol_finding.listed' ORDER BY position DESC LIMIT 1`,
      );
    expect(audits[0]).toEqual({
      official: DEFAULT_ACCESS['simpul-official'],
      purpose: DEFAULT_ACCESS['simpul-purpose'],
      record_id: 'ministry:desk',
      subject_refs: [vault.phoneIndex(broker.e164)],
    });
    const other = await t.api('GET', `/v1/patrol/findings?phone=${encodeURIComponent(phone().written)}`);
    expect(other.body.findings).toEqual([]);
  });

  it('refuses the search without official and purpose, and an unreadable number naming phone', async () => {
    const auditsBefore = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n;
    const bare = await t.api(
      'GET',
      `/v1/patrol/findings?phone=${encodeURIComponent(broker.written)}`,
      undefined,
      {
        access: {},
      },
    );
    expect(bare.status).toBe(400);
    expect(problems(bare)).toEqual(['header:Simpul-Official:required', 'header:Simpul-Purpose:required']);
    const unreadable = await t.api('GET', '/v1/patrol/findings?phone=call-me-555');
    expect(unreadable.status).toBe(400);
    expect(problems(unreadable)).toEqual(['phone:phoneNumber']);
    expect(JSON.stringify(unreadable.body)).not.toContain('555');
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n).toBe(auditsBefore);
  });

  it('shows one finding in full, its number and handle decrypted, audited', async () => {
    const got = await t.api('GET', `/v1/patrol/findings/${recorded.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      findingId: recorded.body.id,
      eventId: recorded.body.eventId,
      phoneNumbers: [broker.e164],
      accountHandle: body.accountHandle,
      caseIds: [caseId],
      recordedBy: 'ministry:desk',
    });
    const audits: Array<{ record_id: string; subject_refs: string[] }> = await t.dataSource.query(
      `SELECT record_id, subject_refs FROM audit_log WHERE action = 'patrol_finding.read' ORDER BY position DESC LIMIT 1`,
    );
    expect(audits[0]).toEqual({ record_id: recorded.body.id, subject_refs: [vault.phoneIndex(broker.e164)] });
    expect((await t.api('GET', `/v1/patrol/findings/${uuidv7()}`)).status).toBe(404);
  });
});

describe('an arrest after a finding giving its phone number', () => {
  const broker = phone();
  let recorded: ApiAnswer;
  let arrest: SimpulEvent<'police.arrest.recorded.v1'>;
  let caseId: string;

  beforeAll(async () => {
    recorded = await record(findingBody({ phoneNumbers: [broker.written] }));
    arrest = arrestOfBroker(broker.e164);
    await publishPolice(arrest);
    caseId = await caseOf(arrest.id);
  });

  it('published the finding with no case, then links the arrest’s case to it: the same end state', async () => {
    expect(recorded.status).toBe(201);
    expect(recorded.body.caseIds).toEqual([]);
    expect((await published(recorded.body.id as string)).data.caseIds).toEqual([]);
    const got = await t.api('GET', `/v1/patrol/findings/${recorded.body.id}`);
    expect(got.body.caseIds).toEqual([caseId]);
    const alerts = await patrolAlertsOn(caseId);
    expect(alerts).toHaveLength(1);
    // Traced to both: the finding and the arrest that linked it.
    expect(alerts[0]!.source_event_ids).toEqual([recorded.body.eventId, arrest.id]);
    const timeline = await t.api('GET', `/v1/cases/${caseId}`);
    expect(timeline.body.patrolFindings).toEqual([
      expect.objectContaining({ findingId: recorded.body.id, linkedByEventId: arrest.id }),
    ]);
  });

  it('links and alerts once, whatever redeliveries or a second report of the same arrest', async () => {
    await publishPolice(arrest);
    await publishPolice(
      buildEvent('police.arrest.recorded.v1', arrest.data, { source: poldaSource('riau') }),
    );
    const links: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ministry_patrol_finding_case WHERE finding_id = $1`,
      [recorded.body.id],
    );
    expect(links[0]!.n).toBe(1);
    expect(await patrolAlertsOn(caseId)).toHaveLength(1);
  });
});

describe('a finding and an arrest sharing a number at the same moment', () => {
  it('still meet: both look before either commits, and the finding ends linked to the case', async () => {
    const broker = phone();
    const arrest = arrestOfBroker(broker.e164);
    // Both transactions append to the audit chain just before they commit, under its lock: held
    // here, each does all its work, lookups included, and then waits, so they overlap for sure.
    const gate = t.dataSource.createQueryRunner();
    await gate.connect();
    await gate.startTransaction();
    let answer: Promise<ApiAnswer> | undefined;
    try {
      await gate.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK_KEY]);
      answer = record(findingBody({ phoneNumbers: [broker.written] }));
      await t.publish(arrest, poldaSource('riau'));
      await waitFor(
        async () =>
          (
            await gate.query(
              `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
            )
          )[0].n >= 2,
        { description: 'the finding and the arrest both waiting', timeoutMs: 20_000 },
      );
    } finally {
      await gate.commitTransaction();
      await gate.release();
    }
    const recorded = await answer!;
    await waitFor(
      async () =>
        (await t.dataSource.query(`SELECT 1 FROM ministry_case_event WHERE event_id = $1`, [arrest.id]))
          .length > 0,
      {
        description: 'the arrest applied',
        timeoutMs: 20_000,
      },
    );
    const caseId = await caseOf(arrest.id);
    const links: Array<{ case_id: string }> = await t.dataSource.query(
      `SELECT case_id FROM ministry_patrol_finding_case WHERE finding_id = $1`,
      [recorded.body.id],
    );
    expect(links).toEqual([{ case_id: caseId }]);
    expect(await patrolAlertsOn(caseId)).toHaveLength(1);
  });
});

describe('a finding on a case without an active watchlist entry', () => {
  it('links in either order, and raises no alert', async () => {
    const [before, after] = [phone(), phone()];
    // Two years ago: the broker's DPO lapsed long since.
    const old = arrestOfBroker(before.e164, { occurredAt: hoursAgo(2 * 365 * 24) });
    await publishPolice(old);
    const oldCase = await caseOf(old.id);
    const first = await record(findingBody({ phoneNumbers: [before.written] }));
    expect(first.body.caseIds).toEqual([oldCase]);
    const second = await record(findingBody({ phoneNumbers: [after.written] }));
    const later = arrestOfBroker(after.e164, { occurredAt: hoursAgo(2 * 365 * 24) });
    await publishPolice(later);
    const laterCase = await caseOf(later.id);
    expect((await t.api('GET', `/v1/patrol/findings/${second.body.id}`)).body.caseIds).toEqual([laterCase]);
    expect(await patrolAlertsOn(oldCase)).toEqual([]);
    expect(await patrolAlertsOn(laterCase)).toEqual([]);
  });
});

describe('a finding naming a placement company', () => {
  it('links to the case of an interception by that company, written another way, and alerts (the candidates are protected)', async () => {
    const tag = randomInt(1e9);
    const base = validFixture('police.departure.foiled.v1').data;
    const interception = buildEvent(
      'police.departure.foiled.v1',
      {
        ...base,
        interceptionId: uuidv7(),
        occurredAt: hoursAgo(2),
        candidates: [{ candidateId: uuidv7(), person: { fullName: `Candidate ${tag}` } }],
        candidateCount: 1,
        placementCompany: { name: `PT. Sinar  Laut ${tag}` },
      },
      { source: poldaSource('riau') },
    );
    await publishPolice(interception);
    const caseId = await caseOf(interception.id);
    const recorded = await record(findingBody({ companyName: `SINAR LAUT ${tag}` }));
    expect(recorded.status).toBe(201);
    expect(recorded.body.caseIds).toEqual([caseId]);
    expect(await patrolAlertsOn(caseId)).toHaveLength(1);
  });

  it('links a later arrest whose suspect works for the company', async () => {
    const company = `CV Maju Bersama ${randomInt(1e9)}`;
    const recorded = await record(findingBody({ companyName: company }));
    expect(recorded.body.caseIds).toEqual([]);
    const arrest = arrestOfBroker(phone().e164, { company: `${company.toUpperCase()}` });
    await publishPolice(arrest);
    expect((await t.api('GET', `/v1/patrol/findings/${recorded.body.id}`)).body.caseIds).toEqual([
      await caseOf(arrest.id),
    ]);
  });
});

describe('a finding the contract refuses', () => {
  it.each([
    ['a javascript: URL', { url: 'javascript:alert(1)' }, ['url:webUrl']],
    ['a 2001-character URL', { url: `https://example.org/${'a'.repeat(1981)}` }, ['url:maxLength']],
    ['a handle with spaces', { accountHandle: '@loker cepat' }, ['accountHandle:pattern']],
    ['an unreadable phone number', { phoneNumbers: ['0812-3456-78xx'] }, ['phoneNumbers[0]:phoneNumber']],
    ['a platform not in the list', { platform: 'myspace' }, ['platform:enum']],
    ['a victim', { victim: { fullName: 'Siti Aminah' } }, ['victim:unknownProperty']],
    ['caseIds', { caseIds: [uuidv7()] }, ['caseIds:unknownProperty']],
    [
      'findingId and recordedAt',
      { findingId: uuidv7(), recordedAt: hoursAgo(0) },
      ['findingId:unknownProperty', 'recordedAt:unknownProperty'],
    ],
  ])(
    'is 400 naming the field and the rule for %s, and changes nothing',
    async (_name, overrides, expected) => {
      const summary = `Refused ${randomInt(1e9)}`;
      const before = await findingCount();
      const answer = await record(findingBody({ ...overrides, summary }));
      expect(answer.status).toBe(400);
      expect(problems(answer)).toEqual(expected);
      expect(JSON.stringify(answer.body)).not.toContain('Siti');
      expect(await findingCount()).toBe(before);
      // Published after it: once this one is on the bus, a refused one would be too.
      const next = await record(findingBody());
      await published(next.body.id as string);
      expect(
        (watch.of('ministry.patrol.finding.recorded') as Finding[]).filter((e) => e.data.summary === summary),
      ).toEqual([]);
    },
  );
});

function problems(answer: ApiAnswer): string[] {
  return ((answer.body.details ?? []) as Array<{ path: string; rule: string }>).map(
    (d) => `${d.path}:${d.rule}`,
  );
}

/** Every table.column of text-like type holding any of `needles` (the scan of ministry-privacy.int-spec.ts). */
async function plaintextHits(needles: string[]): Promise<string[]> {
  const columns: Array<{ table_name: string; column_name: string }> = await t.dataSource.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> 'migrations'
        AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
  );
  expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toEqual(
    expect.arrayContaining(['ministry_patrol_finding.summary', 'bus_outbox.body', 'audit_log.subject_refs']),
  );
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const rows: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text ILIKE ANY ($1::text[])`,
      [needles.map((n) => `%${n}%`)],
    );
    if (rows[0]!.n > 0) hits.push(`${table_name}.${column_name}`);
  }
  return hits;
}
