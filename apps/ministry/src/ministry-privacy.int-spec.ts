// Victims stay pseudonymous (Law 21/2007 art. 44, UU PDP): the ministry in-process against a real
// PostgreSQL and a nats-server of this file's own. Candidates' NIK and passport numbers, and every
// person's phone numbers, are at rest only encrypted or as blind indexes, cases still link by them,
// the entries still carry them to the checkpoints, and the desk sees them again only for a stated
// purpose, audited.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { pruneLedger } from '@simpul/bus';
import { waitFor } from '@simpul/bus/testing';
import { buildEvent, poldaSource, uuidv7, type AnyEvent, type SimpulEvent } from '@simpul/contracts';
import { arrestWithSuspects, interceptionWithCandidates } from '@simpul/contracts/testing';
import { BlindIndex, generatePrivacyKeys, parseIndexKey } from '@simpul/privacy';
import type { DataSource } from 'typeorm';
import { PersonVault } from './identities/person-vault.js';
import {
  startMinistryTestApp,
  watchMinistry,
  type MinistryTestApp,
  type MinistryWatch,
} from './testing/ministry-test-app.js';

jest.setTimeout(30_000);

const DESK_TOKEN = randomBytes(32).toString('hex');
const RIAU_TOKEN = randomBytes(32).toString('hex');
const privacyKeys = generatePrivacyKeys('test');
const index = new BlindIndex(parseIndexKey(privacyKeys.indexKey));
const vault = PersonVault.fromSettings(privacyKeys.encryptionKey, privacyKeys.indexKey);
/** Sent on every desk call: reads of personal data may require who and why (audited reads). */
const ACCESS = { 'simpul-official': 'Test Official', 'simpul-purpose': 'victim_protection' };

let t: MinistryTestApp;
let dataSource: DataSource;
let watch: MinistryWatch;

function drainMinistry(): Promise<void> {
  return watch.drain();
}

function issuedEntries(): Array<SimpulEvent<'ministry.watchlist.entry.issued.v1'>> {
  return watch.of('ministry.watchlist.entry.issued') as Array<
    SimpulEvent<'ministry.watchlist.entry.issued.v1'>
  >;
}

function api(method: string, path: string, body?: unknown, token = DESK_TOKEN) {
  return t.api(method, path, body, { token });
}

async function publishPolice(event: AnyEvent): Promise<void> {
  const seq = await t.publish(event, poldaSource('riau'));
  await t.consumerSettledAt('POLICE', 'ministry-police', seq, 'ministry-police to acknowledge the event');
}

/** Every text, varchar, jsonb and text[] column of every table but TypeORM's own. */
async function textColumns(): Promise<Array<{ table_name: string; column_name: string }>> {
  return dataSource.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> 'migrations'
        AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
      ORDER BY table_name, column_name`,
  );
}

/** Rows of any table holding any of `needles` in any text-like column, as `table.column` (one per hit). */
async function plaintextHits(needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const { table_name, column_name } of await textColumns()) {
    const rows: Array<{ n: number }> = await dataSource.query(
      `SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text ILIKE ANY ($1::text[])`,
      [needles.map((n) => `%${n}%`)],
    );
    if (rows[0]!.n > 0) hits.push(`${table_name}.${column_name}`);
  }
  return hits;
}

/**
 * A phone number as the scans look for it: E.164 (`+6281234567890`, what events carry), the national
 * form people write (`081234567890`, `0812-3456-7890`) and the subscriber digits every form contains
 * (`81234567890`), so no spelling of it passes unseen.
 */
function phoneNeedles(e164: string): string[] {
  const subscriber = e164.slice('+62'.length);
  const national = `0${subscriber}`;
  return [e164, national, `${national.slice(0, 4)}-${national.slice(4, 8)}-${national.slice(8)}`, subscriber];
}

/** Distinct mobile numbers (+62 81x…) for the `n`-th person of a test. */
function phonesOf(n: number): string[] {
  return [
    `+62812${String(7_000_000 + n).padStart(8, '0')}`,
    `+62813${String(8_000_000 + n).padStart(8, '0')}`,
  ];
}

async function outboxEmpty(): Promise<void> {
  await waitFor(
    async () => (await dataSource.query(`SELECT count(*)::int AS n FROM bus_outbox`))[0].n === 0,
    { description: 'the outbox relayed', timeoutMs: 20_000 },
  );
}

/**
 * The outbox relayed, and the producer ledger's copies of what was published gone as its retention
 * removes them (docs/contract.md §11): the published events carry the identifiers to the
 * checkpoints, and the ledger keeps them, for a republish, only for BUS_LEDGER_RETENTION_HOURS.
 */
async function relayedAndLedgerExpired(): Promise<void> {
  await outboxEmpty();
  await pruneLedger(dataSource, { retentionMs: 0 });
}

async function auditRows(): Promise<number | undefined> {
  const exists: unknown[] = await dataSource.query(`SELECT to_regclass('audit_log') AS t`);
  if ((exists[0] as { t: string | null }).t === null) return undefined;
  return (await dataSource.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n;
}

beforeAll(async () => {
  t = await startMinistryTestApp({
    database: 'ministry_privacy',
    tokens: { [DESK_TOKEN]: 'ministry:desk', [RIAU_TOKEN]: 'polda:riau' },
    defaultToken: DESK_TOKEN,
    access: ACCESS,
    privacyKeys,
  });
  dataSource = t.dataSource;
  watch = await watchMinistry(t, 'test-privacy-watch');
}, 60_000);

afterAll(async () => {
  await t?.stop();
}, 30_000);

describe('victims stay pseudonymous at the ministry', () => {
  let foiled: SimpulEvent<'police.departure.foiled.v1'>;
  let candidates: SimpulEvent<'police.departure.foiled.v1'>['data']['candidates'];
  let caseId: string;
  let entryOfFirst: SimpulEvent<'ministry.watchlist.entry.issued.v1'>;

  it('stores no NIK or passport number in clear, anywhere, after a foiled departure with candidates', async () => {
    const base = interceptionWithCandidates(6, { full: true }).data;
    candidates = base.candidates.map((c, i) => ({
      ...c,
      candidateId: uuidv7(),
      person: { ...c.person, passportNumber: `X${7_300_000 + i}`, phoneNumbers: phonesOf(i) },
    }));
    foiled = buildEvent(
      'police.departure.foiled.v1',
      { ...base, interceptionId: uuidv7(), candidates, candidateCount: 6 },
      { source: poldaSource('riau') },
    );
    await publishPolice(foiled);
    await waitFor(
      async () => {
        await drainMinistry();
        return issuedEntries().length >= 6;
      },
      { description: 'six protective entries on the bus', timeoutMs: 20_000 },
    );
    await outboxEmpty();

    const needles = candidates.flatMap((c) => [c.person.nik!, c.person.passportNumber!]);
    // The one place: the ledger's copy of the published protective entries, until its retention.
    expect(await plaintextHits(needles)).toEqual(['bus_ledger.body']);
    await pruneLedger(dataSource, { retentionMs: 0 });
    // The scan covers the columns that held identifiers before (not a vacuous pass).
    const scanned = (await textColumns()).map((c) => `${c.table_name}.${c.column_name}`);
    expect(scanned).toEqual(
      expect.arrayContaining([
        'ministry_watchlist_entry.person',
        'ministry_case_link.value',
        'bus_outbox.body',
        'bus_ledger.body',
      ]),
    );
    expect(await plaintextHits(needles)).toEqual([]);
    // The candidates' phone numbers are nowhere, not even in the ledger: a checkpoint screens by
    // identity documents, so the protective entries leave them at the ministry (checkpointPerson).
    expect(
      await plaintextHits(candidates.flatMap((c) => c.person.phoneNumbers!.flatMap(phoneNeedles))),
    ).toEqual([]);
    // What is there instead: encrypted tokens and blind indexes that find the person.
    const first = candidates[0]!.person;
    const rows: Array<{ id: string; nik_encrypted: string; passport_index: string; person: object }> =
      await dataSource.query(
        `SELECT id, nik_encrypted, passport_index, person FROM ministry_watchlist_entry WHERE nik_index = $1`,
        [index.of('nik', first.nik!)],
      );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.nik_encrypted).toMatch(/^v1\.test\./);
    expect(rows[0]!.passport_index).toBe(index.of('passport', first.passportNumber!));
    expect(rows[0]!.person).not.toHaveProperty('nik');
    const links: Array<{ kind: string; case_id: string }> = await dataSource.query(
      `SELECT kind, case_id FROM ministry_case_link WHERE (kind, value) IN (('nik', $1), ('passport', $2))`,
      [index.of('nik', first.nik!), index.of('passport', first.passportNumber!)],
    );
    expect(links.map((l) => l.kind).sort()).toEqual(['nik', 'passport']);
    caseId = links[0]!.case_id;
  });

  it('publishes the protective entries with the identifiers a checkpoint screens by, and no narrative', async () => {
    const entries = issuedEntries().filter((e) => e.data.origin?.eventId === foiled.id);
    expect(entries).toHaveLength(6);
    for (const candidate of candidates) {
      const entry = entries.find((e) => e.data.origin?.personId === candidate.candidateId)!;
      expect(entry.data.legalType).toBe('protective');
      expect(entry.data.person).toEqual({
        fullName: candidate.person.fullName,
        nik: candidate.person.nik,
        passportNumber: candidate.person.passportNumber,
        dateOfBirth: candidate.person.dateOfBirth,
        sex: candidate.person.sex,
        nationality: 'IDN',
      });
      expect(entry.data.reason).toBe(
        'Prospective worker stopped before a non-procedural departure (polda riau); refer to P4MI.',
      );
      expect(JSON.stringify(entry.data)).not.toContain(foiled.data.location.name);
    }
    entryOfFirst = entries.find((e) => e.data.origin?.personId === candidates[0]!.candidateId)!;
  });

  it('still links by NIK: a second event naming a candidate by the same NIK joins the case', async () => {
    const again = candidates[0]!;
    const second = buildEvent(
      'police.departure.foiled.v1',
      {
        ...foiled.data,
        interceptionId: uuidv7(),
        // Another name spelling and no passport: only the NIK is shared.
        candidates: [
          {
            candidateId: uuidv7(),
            person: { fullName: 'Someone Else Entirely', nik: again.person.nik, sex: again.person.sex },
          },
        ],
        candidateCount: 1,
      },
      { source: poldaSource('riau') },
    );
    await publishPolice(second);
    const cases: Array<{ case_id: string }> = await dataSource.query(
      `SELECT case_id FROM ministry_case_event WHERE event_id = $1`,
      [second.id],
    );
    expect(cases).toEqual([{ case_id: caseId }]);
    await relayedAndLedgerExpired();
    expect(await plaintextHits([again.person.nik!])).toEqual([]);
  });

  it('lists entries without their identifiers, saying which are withheld', async () => {
    const list = await api('GET', `/v1/watchlist?caseId=${caseId}&legalType=protective`);
    expect(list.status).toBe(200);
    const text = JSON.stringify(list.body);
    for (const c of candidates) {
      expect(text).not.toContain(c.person.nik!);
      expect(text).not.toContain(c.person.passportNumber!);
    }
    const first = (list.body.entries as Array<Record<string, unknown>>).find(
      (e) => e.entryId === entryOfFirst.data.entryId,
    )!;
    expect(first.identifiersWithheld).toEqual(['nik', 'passportNumber']);
    expect(first.person).toEqual({
      fullName: candidates[0]!.person.fullName,
      dateOfBirth: candidates[0]!.person.dateOfBirth,
      sex: candidates[0]!.person.sex,
      nationality: 'IDN',
    });
  });

  it('re-identification without a purpose is 400 naming the field, and writes nothing', async () => {
    const before = await auditRows();
    const path = `/v1/watchlist/${entryOfFirst.data.entryId}/reidentify`;
    const missing = await api('POST', path, { official: 'Rina' });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    expect(missing.body.details).toEqual([expect.objectContaining({ path: 'purpose', rule: 'required' })]);
    const wrong = await api('POST', path, { official: '', purpose: 'curiosity' });
    expect(
      (wrong.body.details as Array<{ path: string; rule: string }>).map((d) => `${d.path}:${d.rule}`),
    ).toEqual(['official:required', 'purpose:enum']);
    expect(JSON.stringify([missing.body, wrong.body])).not.toContain(candidates[0]!.person.nik!);
    expect(await auditRows()).toBe(before);
  });

  it('re-identification by a Polda is 403 and writes nothing', async () => {
    const before = await auditRows();
    const response = await api(
      'POST',
      `/v1/watchlist/${entryOfFirst.data.entryId}/reidentify`,
      { official: 'Bripka Andi', purpose: 'investigation' },
      RIAU_TOKEN,
    );
    expect([response.status, response.body.code]).toEqual([403, 'AUTH.WRONG_UNIT']);
    expect(await auditRows()).toBe(before);
  });

  it('an unknown entry is 404', async () => {
    const response = await api('POST', `/v1/watchlist/${uuidv7()}/reidentify`, {
      official: 'Rina',
      purpose: 'victim_protection',
    });
    expect([response.status, response.body.code]).toEqual([404, 'MINISTRY.WATCHLIST_ENTRY_NOT_FOUND']);
  });

  it('re-identification by the desk with a purpose answers the identifiers and records an audit row', async () => {
    const before = (await auditRows()) ?? 0;
    const response = await api('POST', `/v1/watchlist/${entryOfFirst.data.entryId}/reidentify`, {
      official: 'Rina Marlina (NIP 19870101)',
      purpose: 'victim_protection',
      note: 'P4MI referral at Dumai',
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      entryId: entryOfFirst.data.entryId,
      purpose: 'victim_protection',
      person: entryOfFirst.data.person,
    });
    expect(await auditRows()).toBe(before + 1);
    const [row] = await dataSource.query(
      `SELECT unit, official, purpose, action, record_type, record_id, subject_refs FROM audit_log
        ORDER BY position DESC LIMIT 1`,
    );
    const first = candidates[0]!.person;
    expect(row).toEqual({
      unit: 'ministry:desk',
      official: 'Rina Marlina (NIP 19870101)',
      purpose: 'victim_protection',
      action: 'watchlist_entry.reidentified',
      record_type: 'watchlist_entry',
      record_id: entryOfFirst.data.entryId,
      subject_refs: [index.of('nik', first.nik!), index.of('passport', first.passportNumber!)].sort(),
    });
    // The answer was not kept anywhere (no idempotency replay of identifiers).
    await relayedAndLedgerExpired();
    expect(await plaintextHits([first.nik!, first.passportNumber!])).toEqual([]);
  });

  it('the desk issues and re-issues an entry with a NIK: stored sealed, published in full', async () => {
    const person = { fullName: 'Dewi Lestari', nik: '3201014507900001', passportNumber: 'C7654321' };
    const issued = await api('POST', '/v1/watchlist', {
      legalType: 'protective',
      action: 'refer',
      person,
      reason: 'Referred by the P4MI post at Dumai',
      issuedBy: 'KP2MI desk',
      validFrom: '2026-11-01T00:00:00Z',
      validUntil: '2026-12-01T00:00:00Z',
    });
    expect(issued.status).toBe(201);
    const reissued = await api('POST', `/v1/watchlist/${issued.body.id}/reissue`, {
      validUntil: '2026-12-15T00:00:00Z',
    });
    expect([reissued.status, reissued.body.version]).toEqual([200, 2]);
    await waitFor(async () => {
      await drainMinistry();
      return issuedEntries().some((e) => e.data.entryId === issued.body.id && e.data.version === 2);
    });
    const v2 = issuedEntries().find((e) => e.data.entryId === issued.body.id && e.data.version === 2)!;
    expect(v2.data.person).toEqual(person);
    await relayedAndLedgerExpired();
    expect(await plaintextHits([person.nik, person.passportNumber])).toEqual([]);
  });

  it("stores no suspect's phone number in clear after an arrest it applied", async () => {
    const arrest = arrestWithSuspects(3);
    arrest.data.arrestId = uuidv7();
    arrest.data.suspects = arrest.data.suspects.map((s, i) => ({
      ...s,
      suspectId: uuidv7(),
      person: { ...s.person, phoneNumbers: phonesOf(100 + i) },
    }));
    const event = buildEvent('police.arrest.recorded.v1', arrest.data, { source: poldaSource('riau') });
    await publishPolice(event);
    await outboxEmpty();
    const needles = event.data.suspects.flatMap((s) => s.person.phoneNumbers!.flatMap(phoneNeedles));
    expect(await plaintextHits(needles)).toEqual([]);
    const [linked] = await dataSource.query(
      `SELECT count(*)::int AS n FROM ministry_case_event WHERE event_id = $1`,
      [event.id],
    );
    expect(linked.n).toBe(1);
  });

  describe('phone numbers given at the desk', () => {
    const written = ['0812-3456-7801', '+62 (0)813 2222 7802'];
    const e164 = ['+6281234567801', '+6281322227802'];
    const person = { fullName: 'Rahmat Hidayat', nik: '1471011203850009', phoneNumbers: written };
    const entryBody = {
      legalType: 'advisory',
      action: 'refer',
      person,
      reason: 'Recruiter named by the cyber patrol',
      issuedBy: 'KP2MI desk',
      validFrom: '2026-11-01T00:00:00Z',
      validUntil: '2026-12-01T00:00:00Z',
    };
    let entryId: string;

    function versionOf(version: number): SimpulEvent<'ministry.watchlist.entry.issued.v1'> | undefined {
      return issuedEntries().find((e) => e.data.entryId === entryId && e.data.version === version);
    }

    async function published(version: number): Promise<SimpulEvent<'ministry.watchlist.entry.issued.v1'>> {
      await waitFor(
        async () => {
          await drainMinistry();
          return versionOf(version) !== undefined;
        },
        { description: `version ${version} of the entry on the bus`, timeoutMs: 20_000 },
      );
      return versionOf(version)!;
    }

    it('an unreadable number is 400 naming its path and the rule, never echoed, and writes nothing', async () => {
      const before = await dataSource.query(`SELECT count(*)::int AS n FROM ministry_watchlist_entry`);
      const response = await api('POST', '/v1/watchlist', {
        ...entryBody,
        person: { ...person, phoneNumbers: [written[0], 'wa 0812345'] },
      });
      expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(response.body.details).toEqual([
        expect.objectContaining({ path: 'person.phoneNumbers[1]', rule: 'phoneNumber' }),
      ]);
      expect(JSON.stringify(response.body)).not.toContain('0812345');
      expect(await dataSource.query(`SELECT count(*)::int AS n FROM ministry_watchlist_entry`)).toEqual(
        before,
      );
    });

    it('issues the entry with the numbers in E.164: published in full, stored only sealed and indexed', async () => {
      const issued = await api('POST', '/v1/watchlist', entryBody);
      expect(issued.status).toBe(201);
      entryId = issued.body.id as string;
      expect((await published(1)).data.person).toEqual({ ...person, phoneNumbers: e164 });
      // Until the ledger's retention, its copy of what was published is the one place they are.
      await outboxEmpty();
      const needles = e164.flatMap(phoneNeedles);
      expect(await plaintextHits(needles)).toEqual(['bus_ledger.body']);
      await pruneLedger(dataSource, { retentionMs: 0 });
      expect(await plaintextHits(needles)).toEqual([]);
      const rows: Array<{ id: string; phone_encrypted: string; person: object }> = await dataSource.query(
        `SELECT id, phone_encrypted, person FROM ministry_watchlist_entry WHERE $1 = ANY (phone_indexes)`,
        [vault.phoneIndex(written[1]!)],
      );
      expect(rows.map((r) => r.id)).toEqual([entryId]);
      expect(rows[0]!.phone_encrypted).toMatch(/^v1\.test\./);
      expect(rows[0]!.person).toEqual({ fullName: person.fullName });
    });

    it('lists the entry saying the numbers are withheld; re-identification shows them, audited', async () => {
      const list = await api('GET', `/v1/watchlist?legalType=advisory`);
      const view = (list.body.entries as Array<Record<string, unknown>>).find((e) => e.entryId === entryId)!;
      expect(view.identifiersWithheld).toEqual(['nik', 'phoneNumbers']);
      expect(view.person).toEqual({ fullName: person.fullName });
      expect(JSON.stringify(list.body)).not.toContain('81234567801');
      const shown = await api('POST', `/v1/watchlist/${entryId}/reidentify`, {
        official: 'Rina',
        purpose: 'victim_protection',
      });
      expect([shown.status, shown.body.person]).toEqual([200, { ...person, phoneNumbers: e164 }]);
    });

    it('re-issues and revokes the entry: each re-publication carries the numbers again, the store never', async () => {
      const reissued = await api('POST', `/v1/watchlist/${entryId}/reissue`, {
        validUntil: '2026-12-15T00:00:00Z',
      });
      expect([reissued.status, reissued.body.version]).toEqual([200, 2]);
      expect((await published(2)).data.person).toEqual({ ...person, phoneNumbers: e164 });
      const revoked = await api('POST', `/v1/watchlist/${entryId}/revoke`, { reason: 'Cleared by the desk' });
      expect([revoked.status, revoked.body.version]).toEqual([200, 3]);
      // A revoked entry re-issued is active again, with the person as it was sealed.
      const again = await api('POST', `/v1/watchlist/${entryId}/reissue`, {});
      expect([again.status, again.body.version]).toEqual([200, 4]);
      expect((await published(4)).data.person).toEqual({ ...person, phoneNumbers: e164 });
      await relayedAndLedgerExpired();
      expect(await plaintextHits(e164.flatMap(phoneNeedles))).toEqual([]);
    });

    // Patrol findings (ministry.patrol.finding.recorded.v1, POST /v1/patrol/findings) carry phone
    // numbers too: their scans belong here, with phoneNeedles, beside the entries'.
  });
});
