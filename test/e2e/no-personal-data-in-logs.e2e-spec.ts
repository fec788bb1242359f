import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BusConnection,
  BusHeader,
  generateSigningKey,
  KeyRing,
  signBytes,
  silentLogger,
  type BusEvent,
} from '@simpul/bus';
import { listDeadLetters } from '@simpul/bus/operator';
import { publishSignedEvent, waitFor } from '@simpul/bus/testing';
import { buildEvent, poldaSource, uuidv7, type EventDataMap } from '@simpul/contracts';
import { normaliseBodyPhoneNumbers, phoneNumberPaths } from '@simpul/http';
import {
  arrestBody,
  brokerAtBatamBody,
  foiledDepartureBody,
  nikFor,
} from '../../deploy/local/src/demo/reference-scenario.js';
import type { Json } from '../support/api-client.js';
import { waitUntilQuiet } from '../support/bus-probe.js';
import { startTestSystem, type TestSystem } from '../support/local-system.js';

// docs/contract.md §9: personal data never appears in logs or error messages; ids do. The reference
// scenario runs, then error paths are driven with personal data in their input, then every service
// log line, every error response body and every dead letter's error fields are scanned for every
// name, NIK, passport and phone number that went in (docs/contract.md §13: phone numbers are
// personal data, in whatever form they were written).

let system: TestSystem;
let probe: BusConnection;
let tokens: Record<string, string>;

beforeAll(async () => {
  system = await startTestSystem('pii');
  probe = await BusConnection.connect({ servers: system.nats.url, name: 'e2e-pii', logger: silentLogger });
  tokens = JSON.parse(readFileSync(system.stack.tokensFile, 'utf8')) as Record<string, string>;
}, 120_000);
afterAll(async () => {
  await probe?.drain();
  await system?.stop();
}, 30_000);

// ---------------------------------------------------------------------------------------------
// The scanner

interface Needle {
  kind: 'name' | 'nik' | 'passport' | 'phone';
  value: string;
  pattern: RegExp;
}

interface Hit {
  where: string;
  kind: Needle['kind'];
  value: string;
  line: string;
}

/**
 * Name parts that are also ordinary words or the names of places and companies in the scenario's
 * non-personal fields: a hit on them would say nothing (the full names are still searched).
 */
const NOT_NAMES = new Set([
  'riau',
  'dumai',
  'batam',
  'jaya',
  'sinar',
  'mandiri',
  'indah', // "beautiful"
  'putri', // "daughter"
  'fajar', // "dawn"
  'bayu', // "wind"
  'wahyu', // "revelation"
  'permata', // "gem" (and a bank)
  'lestari', // "everlasting"
  'pratama', // "first"
]);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface PersonalData {
  fullName?: string;
  nik?: string;
  passportNumber?: string;
  phoneNumbers?: string[];
}

/**
 * A phone number in any of its spellings: its subscriber digits (what follows +62 or the trunk
 * zero: `81271060001`), separators allowed between them, after +62, 62, (0) or 0 or nothing, and not
 * inside a longer run of digits (a timestamp, a sequence).
 */
function phonePattern(written: string): RegExp {
  const digits = written.replace(/\D/g, '').replace(/^(?:62(?:0)?|0)/, '');
  const spaced = digits.split('').join('[\\s\\-./()]*');
  return new RegExp(`(?<![0-9])(?:\\+?62[\\s\\-./()]*(?:\\(0\\)[\\s]*)?|0)?${spaced}(?![0-9])`);
}

/** Every full name, every name part of 4+ letters that is not an ordinary word, every NIK, passport and phone number. */
function needlesFor(people: PersonalData[]): Needle[] {
  const out = new Map<string, Needle>();
  const add = (kind: Needle['kind'], value: string, pattern: RegExp) =>
    out.set(`${kind}:${value.toLowerCase()}`, { kind, value, pattern });
  for (const p of people) {
    if (p.fullName) {
      add('name', p.fullName, new RegExp(`\\b${escape(p.fullName)}\\b`, 'i'));
      for (const part of p.fullName.split(/[\s.,]+/)) {
        if (part.length >= 4 && !NOT_NAMES.has(part.toLowerCase())) {
          add('name', part, new RegExp(`\\b${escape(part)}\\b`, 'i'));
        }
      }
    }
    // Digits inside a longer number (a timestamp, a sequence) are not this NIK.
    if (p.nik) add('nik', p.nik, new RegExp(`(?<![0-9])${escape(p.nik)}(?![0-9])`));
    if (p.passportNumber)
      add('passport', p.passportNumber, new RegExp(`\\b${escape(p.passportNumber)}\\b`, 'i'));
    for (const phone of p.phoneNumbers ?? []) add('phone', phone, phonePattern(phone));
  }
  return [...out.values()];
}

/** Nest colours its log lines: an escape code before a name would hide it from `\b`. */
// eslint-disable-next-line no-control-regex
const ANSI_COLOUR = /\u001b\[[0-9;]*m/g;

function scan(where: string, text: string, needles: Needle[]): Hit[] {
  const hits: Hit[] = [];
  for (const line of text.replace(ANSI_COLOUR, '').split('\n')) {
    for (const n of needles) {
      if (n.pattern.test(line)) hits.push({ where, kind: n.kind, value: n.value, line: line.slice(0, 300) });
    }
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------
// Personal data the test sends besides the scenario's

const DAY = 86_400_000;
const extraPeople = {
  malformedArrest: { fullName: 'Sutrisno Wibowo', nik: nikFor('1971-05-09', 'M', 7101) },
  invalidNik: { fullName: 'Kartika Sembiring', nik: '1472015013990001' }, // month 13: no such date
  malformedJson: { fullName: 'Bonifasius Sitanggang', passportNumber: 'A7654321' },
  wrongUnit: {
    fullName: 'Ignatius Purbaya',
    nik: nikFor('1968-02-17', 'M', 7102),
    passportNumber: 'X1928374',
  },
  badScreening: { fullName: 'Theresia Manullang', nik: '14720199', passportNumber: 'P9988776' },
  keyAsData: { fullName: 'Gregorius Tampubolon', nik: nikFor('1980-08-08', 'M', 7103) },
  idempotency: {
    fullName: 'Hartono Simatupang',
    nik: nikFor('1975-03-03', 'M', 7104),
    passportNumber: 'E5566778',
  },
  deadLetterInvalid: {
    fullName: 'Ambarwati Sihombing',
    nik: '1472019999999999',
    passportNumber: 'D4433221',
    phoneNumbers: ['+6281271060007', '0812 7106 0008 ext'],
  },
  deadLetterGarbage: { fullName: 'Fransiskus Nainggolan', passportNumber: 'F1122334' },
  deadLetterForged: {
    fullName: 'Wiratmoko Sudirjo',
    nik: nikFor('1966-06-06', 'M', 7105),
    passportNumber: 'G2233445',
  },
  // Phone numbers through every edge that takes a Person, written as people write them.
  suspectWithPhones: {
    fullName: 'Yohanes Siregar',
    nik: nikFor('1979-04-04', 'M', 7106),
    phoneNumbers: ['0812-7106-0001', '+62 813 7106 0002'],
  },
  unreadablePhone: { fullName: 'Marlina Hutapea', phoneNumbers: ['0812-7106-0003', 'wa 0812 7106 0004'] },
  candidateWithPhone: { fullName: 'Sri Rahayu Panjaitan', phoneNumbers: ['0857.7106.0009'] },
  deskEntryWithPhone: { fullName: 'Rudy Hartanto Lubis', phoneNumbers: ['0852 7106 0005'] },
  travellerWithPhone: { fullName: 'Ayu Wulandari Nasution', phoneNumbers: ['+62 (0)857-7106-0006'] },
};

function scenarioPeople(): PersonalData[] {
  const run = { runId: 'x', occurredAt: new Date() };
  const candidates = (foiledDepartureBody(run).candidates as Json[]).map((c) => c.person as Json);
  const suspects = (arrestBody(run, uuidv7()).suspects as Json[]).map((s) => s.person as Json);
  const broker = (brokerAtBatamBody() as { traveler: Json }).traveler;
  return [...candidates, ...suspects, broker];
}

interface Captured {
  label: string;
  status: number;
  body: string;
}

// Personal-data reads name an official and a purpose (UU PDP art. 31); sent on every call, they
// are ignored where a route does not ask for them.
const ACCESS_HEADERS = { 'simpul-official': 'NIP-198001012005011001', 'simpul-purpose': 'case_handling' };

async function raw(
  service: 'police' | 'ministry' | 'immigration',
  unit: string,
  method: string,
  path: string,
  body?: string,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const res = await fetch(`${system.stack.urls[service]}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[unit]}`,
      'content-type': 'application/json',
      ...ACCESS_HEADERS,
      ...extraHeaders,
    },
    body,
  });
  return { status: res.status, body: await res.text() };
}

/** A call that must succeed (2xx): its JSON body. */
async function ok(
  service: 'police' | 'ministry' | 'immigration',
  unit: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Json> {
  const res = await raw(service, unit, method, path, body === undefined ? undefined : JSON.stringify(body));
  if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${service}${path}: ${res.status}`);
  return JSON.parse(res.body) as Json;
}

/**
 * docs/domain.md's reference scenario through the public APIs: the steps and bodies of the demo's
 * play-scenario (not reused as is: its reads send no official and purpose, which personal-data
 * reads now require), plus the reads of personal data that follow it: a foiled departure and an arrest at Polda Riau,
 * the ministry's alerts, case and entries, the broker denied at Batam Center and his departure
 * delayed, the match at Polda Riau, the prevention figures.
 */
async function playReferenceScenario(): Promise<void> {
  const run = { runId: 'pii-scenario', occurredAt: new Date(Date.now() - 7 * DAY) };
  const interception = await ok(
    'police',
    'polda:riau',
    'POST',
    '/v1/interceptions',
    foiledDepartureBody(run),
  );
  const arrest = await ok(
    'police',
    'polda:riau',
    'POST',
    '/v1/arrests',
    arrestBody(run, interception.id as string),
  );
  await waitFor(
    async () =>
      ((await ok('immigration', 'checkpoint:batam-center', 'GET', '/v1/watchlist/status'))
        .entries as number) >=
      58 + 11,
    { timeoutMs: 30_000, intervalMs: 100, description: 'the 69 entries at the checkpoints' },
  );
  const screening = await ok(
    'immigration',
    'checkpoint:batam-center',
    'POST',
    '/v1/screenings',
    brokerAtBatamBody(),
  );
  expect(screening.decision).toBe('deny');
  await ok(
    'immigration',
    'checkpoint:batam-center',
    'POST',
    `/v1/screenings/${screening.screeningId}/outcome`,
    {
      outcome: 'departure_delayed',
      officer: 'NIP-198001012005011001',
    },
  );
  await waitFor(
    async () =>
      ((await ok('police', 'polda:riau', 'GET', '/v1/matches')).matches as Json[]).some(
        (m) => m.screeningId === screening.screeningId,
      ),
    { timeoutMs: 20_000, intervalMs: 100, description: 'the match at Polda Riau' },
  );
  const alerts = (await ok('ministry', 'ministry:desk', 'GET', '/v1/alerts')).alerts as Json[];
  const ours = alerts.filter((a) =>
    (a.sourceEventIds as string[]).some((id) => id === interception.eventId || id === arrest.eventId),
  );
  expect(ours.length).toBeGreaterThanOrEqual(2);
  await ok('ministry', 'ministry:desk', 'GET', `/v1/cases/${ours[0]!.caseId as string}`);
  await ok('ministry', 'ministry:desk', 'GET', '/v1/watchlist?limit=5000');
  await ok('ministry', 'ministry:desk', 'GET', '/v1/companies');
  await ok('ministry', 'ministry:desk', 'GET', '/v1/stats/prevented-departures?groupBy=polda');
  await ok('police', 'polda:riau', 'GET', `/v1/arrests/${arrest.id as string}`);
  await ok('police', 'polda:riau', 'GET', `/v1/interceptions/${interception.id as string}`);
}

describe('personal data in logs and error messages', () => {
  it('the scanner finds a phone number in every spelling, and not inside a longer number', () => {
    const needles = needlesFor([{ phoneNumbers: ['0812-3456-7890'] }]);
    const lines = [
      'suspect +6281234567890 recorded',
      'call 0812 3456 7890',
      'call 081234567890',
      'wa +62 (0)812-3456-7890',
      '62812.3456.7890',
      'seq 1764281234567890123 and 281234567890 are other numbers',
    ];
    expect(lines.map((line) => scan('synthetic', line, needles).length)).toEqual([1, 1, 1, 1, 1, 0]);
  });

  it('the scanner finds a planted name, NIK and passport number, and ignores place names', () => {
    const needles = needlesFor([
      { fullName: 'Djoko Soesanto', nik: '1472011204790009', passportNumber: 'C1234567' },
    ]);
    const hits = scan(
      'synthetic',
      [
        '[Nest] 123  - 11/28/2026 LOG [bus] consumer ministry-police: applied 0193f5c2',
        '\u001b[32m[Nest] 123  - \u001b[39m11/28/2026 \u001b[33mWARN\u001b[39m \u001b[32mDjoko Soesanto\u001b[39m',
        '[Nest] 123  - 11/28/2026 WARN [bus] screening of soesanto (1472011204790009) with passport c1234567',
        'Polda Riau at Dumai, 21472011204790009 is another number',
      ].join('\n'),
      needles,
    );
    expect(hits.map((h) => [h.kind, h.value])).toEqual([
      ['name', 'Djoko Soesanto'],
      ['name', 'Djoko'],
      ['name', 'Soesanto'],
      ['name', 'Soesanto'],
      ['nik', '1472011204790009'],
      ['passport', 'C1234567'],
    ]);
    expect(hits.every((h) => h.line.includes('WARN'))).toBe(true);
  });

  it('appear nowhere after the reference scenario and error paths fed with personal data', async () => {
    await playReferenceScenario();

    const captured: Captured[] = [];
    const expectStatus = async (
      label: string,
      expected: number,
      call: Promise<{ status: number; body: string }>,
    ) => {
      const res = await call;
      captured.push({ label, ...res });
      expect([label, res.status]).toEqual([label, expected]);
    };
    const json = (v: unknown) => JSON.stringify(v);
    const run = { runId: 'pii', occurredAt: new Date(Date.now() - DAY) };

    // 400: a malformed arrest (wrong types, unknown status, missing fields) with a name and a NIK.
    const m = extraPeople.malformedArrest;
    await expectStatus(
      'malformed arrest',
      400,
      raw(
        'police',
        'polda:riau',
        'POST',
        '/v1/arrests',
        json({
          polda: 'riau',
          reportNumber: 42,
          suspects: [{ person: { fullName: m.fullName, nik: m.nik, sex: 'male' }, status: 'on_the_run' }],
        }),
      ),
    );
    // 400: an arrest that is well formed but for a NIK that cannot exist, and one contradicting the
    // date of birth.
    const n = extraPeople.invalidNik;
    const badNikArrest = arrestBody(run, uuidv7());
    delete badNikArrest.interceptionId;
    (badNikArrest.suspects as Json[])[0]!.person = { fullName: n.fullName, nik: n.nik, sex: 'F' };
    (badNikArrest.suspects as Json[])[1]!.person = {
      fullName: n.fullName,
      nik: nikFor('1990-01-01', 'F', 7199),
      dateOfBirth: '1991-02-02',
      sex: 'F',
    };
    await expectStatus(
      'invalid NIK',
      400,
      raw('police', 'polda:riau', 'POST', '/v1/arrests', json(badNikArrest)),
    );
    // 400: an interception whose candidates are keyed by NIK (personal data as property names).
    const k = extraPeople.keyAsData;
    await expectStatus(
      'personal data as property names',
      400,
      raw(
        'police',
        'polda:riau',
        'POST',
        '/v1/interceptions',
        json({ ...foiledDepartureBody(run), [k.nik]: { fullName: k.fullName }, [k.fullName]: k.nik }),
      ),
    );
    // 400: JSON broken right after a passport number and a name.
    const j = extraPeople.malformedJson;
    await expectStatus(
      'malformed JSON',
      400,
      raw(
        'immigration',
        'checkpoint:batam-center',
        'POST',
        '/v1/screenings',
        `{"checkpoint":"batam-center","traveler":{"passportNumber":"${j.passportNumber}","fullName":"${j.fullName}"`,
      ),
    );
    await expectStatus(
      'malformed JSON at the police',
      400,
      raw(
        'police',
        'polda:riau',
        'POST',
        '/v1/arrests',
        `{"suspects":[{"person":{"fullName":"${j.fullName}" "passportNumber":"${j.passportNumber}"}}]}`,
      ),
    );
    // 403: a valid arrest full of personal data, sent by another Polda; a screening by another checkpoint.
    const w = extraPeople.wrongUnit;
    const wrongUnitArrest = arrestBody(run, uuidv7());
    delete wrongUnitArrest.interceptionId;
    (wrongUnitArrest.suspects as Json[])[0]!.person = { ...w, dateOfBirth: '1968-02-17', sex: 'M' };
    await expectStatus(
      'arrest by another Polda',
      403,
      raw('police', 'polda:jatim', 'POST', '/v1/arrests', json(wrongUnitArrest)),
    );
    await expectStatus(
      'screening by another checkpoint',
      403,
      raw(
        'immigration',
        'checkpoint:dumai',
        'POST',
        '/v1/screenings',
        json({
          checkpoint: 'batam-center',
          traveler: { ...w, dateOfBirth: '1968-02-17', sex: 'M' },
          travel: { destinationCountry: 'MYS', statedPurpose: 'tourism' },
        }),
      ),
    );
    // 400: a screening with invalid fields next to valid personal data.
    const s = extraPeople.badScreening;
    await expectStatus(
      'invalid screening',
      400,
      raw(
        'immigration',
        'checkpoint:batam-center',
        'POST',
        '/v1/screenings',
        json({
          checkpoint: 'batam-center',
          traveler: { ...s, dateOfBirth: '31-12-1990', sex: 'X', [s.passportNumber]: s.fullName },
          travel: { destinationCountry: 'Malaysia', statedPurpose: s.fullName },
        }),
      ),
    );
    // 400 and 404 on reads by id, including an "id" that is a NIK or a name.
    await expectStatus(
      'arrest not found',
      404,
      raw('police', 'polda:riau', 'GET', `/v1/arrests/${uuidv7()}`),
    );
    await expectStatus('arrest by NIK', 404, raw('police', 'polda:riau', 'GET', `/v1/arrests/${m.nik}`));
    await expectStatus(
      'interception not found',
      404,
      raw('police', 'polda:riau', 'GET', `/v1/interceptions/${uuidv7()}`),
    );
    await expectStatus(
      'case not found',
      404,
      raw('ministry', 'ministry:desk', 'GET', `/v1/cases/${uuidv7()}`),
    );
    await expectStatus(
      'case by name',
      404,
      raw('ministry', 'ministry:desk', 'GET', `/v1/cases/${encodeURIComponent(m.fullName)}`),
    );
    await expectStatus(
      'outcome of a screening id that is a NIK',
      400,
      raw(
        'immigration',
        'checkpoint:batam-center',
        'POST',
        `/v1/screenings/${m.nik}/outcome`,
        json({ outcome: 'cleared', officer: 'NIP-198001012005011001', note: m.fullName }),
      ),
    );
    await expectStatus(
      'outcome of an unknown screening',
      404,
      raw(
        'immigration',
        'checkpoint:batam-center',
        'POST',
        `/v1/screenings/${uuidv7()}/outcome`,
        json({ outcome: 'cleared', officer: 'NIP-198001012005011001', note: m.fullName }),
      ),
    );
    // 400: a watchlist entry issued at the desk with invalid fields and personal data.
    await expectStatus(
      'invalid watchlist entry at the desk',
      400,
      raw(
        'ministry',
        'ministry:desk',
        'POST',
        '/v1/watchlist',
        json({
          legalType: 'ban',
          action: 'arrest',
          person: { ...m, sex: 'M', dateOfBirth: 'yesterday' },
          reason: m.fullName,
        }),
      ),
    );
    // 400: a revoke of a real entry, and an outcome, with personal data as property names; query
    // parameters holding personal data; a bearer token that is a NIK.
    const entries = (await ok('ministry', 'ministry:desk', 'GET', '/v1/watchlist?limit=1')).entries as Json[];
    await expectStatus(
      'revoke with personal data as property names',
      400,
      raw(
        'ministry',
        'ministry:desk',
        'POST',
        `/v1/watchlist/${entries[0]!.entryId as string}/revoke`,
        json({ reason: 'Putusan praperadilan', [k.nik]: k.fullName, [k.fullName]: k.nik }),
      ),
    );
    await expectStatus(
      'outcome with personal data as property names',
      400,
      raw(
        'immigration',
        'checkpoint:batam-center',
        'POST',
        `/v1/screenings/${uuidv7()}/outcome`,
        json({ outcome: 'cleared', officer: 'NIP-198001012005011001', [k.nik]: k.fullName }),
      ),
    );
    await expectStatus(
      'query parameters holding personal data',
      400,
      raw(
        'ministry',
        'ministry:desk',
        'GET',
        `/v1/alerts?status=${k.nik}&limit=${encodeURIComponent(k.fullName)}`,
      ),
    );
    await expectStatus(
      'stats query holding personal data',
      400,
      raw(
        'ministry',
        'ministry:desk',
        'GET',
        `/v1/stats/prevented-departures?groupBy=${encodeURIComponent(k.fullName)}&from=${k.nik}`,
      ),
    );
    await expectStatus(
      'a bearer token that is a NIK',
      401,
      raw('police', 'polda:riau', 'GET', '/v1/matches', undefined, { authorization: `Bearer ${k.nik}` }),
    );
    // The same Idempotency-Key reused for another body: a conflict that must not quote either body.
    const i = extraPeople.idempotency;
    const first = arrestBody(run, uuidv7());
    delete first.interceptionId;
    (first.suspects as Json[])[0]!.person = { ...i, dateOfBirth: '1975-03-03', sex: 'M' };
    const key = `pii-${uuidv7()}`;
    await expectStatus(
      'first use of an idempotency key',
      201,
      raw('police', 'polda:riau', 'POST', '/v1/arrests', json(first), { 'idempotency-key': key }),
    );
    const second = { ...first, reportNumber: `${first.reportNumber as string}-B` };
    const reused = await raw('police', 'polda:riau', 'POST', '/v1/arrests', json(second), {
      'idempotency-key': key,
    });
    captured.push({ label: 'idempotency key reused', ...reused });
    expect(reused.status).toBeGreaterThanOrEqual(400);

    // Phone numbers, as written, through every edge that takes a Person: stored and published in
    // E.164, so both spellings are searched for. (Patrol findings, POST /v1/patrol/findings, carry
    // phone numbers too: their traffic belongs here, their people in extraPeople.)
    const arrestNaming = (person: Json) => {
      // Cloned: the scenario's bodies share their suspects, and later steps need them as they were.
      const body = structuredClone(arrestBody(run, uuidv7()));
      delete body.interceptionId;
      (body.suspects as Json[])[0]!.person = person;
      return raw('police', 'polda:riau', 'POST', '/v1/arrests', json(body));
    };
    const sp = extraPeople.suspectWithPhones;
    await expectStatus(
      'arrest with phone numbers',
      201,
      arrestNaming({ ...sp, dateOfBirth: '1979-04-04', sex: 'M' }),
    );
    await expectStatus(
      'arrest with an unreadable phone number',
      400,
      arrestNaming({ ...extraPeople.unreadablePhone, sex: 'F' }),
    );
    expect(JSON.parse(captured.at(-1)!.body).details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'suspects[0].person.phoneNumbers[1]', rule: 'phoneNumber' }),
      ]),
    );
    const cp = extraPeople.candidateWithPhone;
    const phoneInterception = foiledDepartureBody({ runId: 'pii-phones', occurredAt: run.occurredAt });
    phoneInterception.candidates = [{ person: { ...cp, sex: 'F' } }];
    phoneInterception.candidateCount = 1;
    await expectStatus(
      'interception with a candidate’s phone number',
      201,
      raw('police', 'polda:riau', 'POST', '/v1/interceptions', json(phoneInterception)),
    );
    await expectStatus(
      'watchlist entry with a phone number at the desk',
      201,
      raw(
        'ministry',
        'ministry:desk',
        'POST',
        '/v1/watchlist',
        json({
          legalType: 'advisory',
          action: 'refer',
          person: extraPeople.deskEntryWithPhone,
          reason: 'Recruiter named by the cyber patrol',
          issuedBy: 'KP2MI desk',
          validFrom: new Date(Date.now() - DAY).toISOString(),
          validUntil: new Date(Date.now() + 30 * DAY).toISOString(),
        }),
      ),
    );
    await expectStatus(
      'screening of a traveller with a phone number',
      201,
      raw(
        'immigration',
        'checkpoint:batam-center',
        'POST',
        '/v1/screenings',
        json({ checkpoint: 'batam-center', traveler: { ...extraPeople.travellerWithPhone, sex: 'F' } }),
      ),
    );

    // Dead letters: messages a consumer refuses, carrying personal data, with their error fields.
    const keys = KeyRing.fromDirectory(join(system.stateDir, 'keys'));
    const riauKey = keys.keyFor(poldaSource('riau'))!;
    const dl = extraPeople.deadLetterInvalid;
    const valid = buildEvent('police.arrest.recorded.v1', arrestEventData(run), {
      source: poldaSource('riau'),
    });
    const invalid = structuredClone(valid) as unknown as BusEvent & { data: Json };
    invalid.data.suspects[0].person = {
      fullName: dl.fullName,
      nik: dl.nik,
      passportNumber: dl.passportNumber.toLowerCase(),
      phoneNumbers: dl.phoneNumbers,
      sex: 'M',
    };
    invalid.data.suspects[1].person.dateOfBirth = '2099-01-01';
    // Keyed by a NIK: property names are echoed in a dead letter's error, values never.
    invalid.data.suspects[2].person[dl.nik] = dl.fullName;
    await publishSignedEvent(probe.js, invalid as never, riauKey);
    const g = extraPeople.deadLetterGarbage;
    const garbage = new TextEncoder().encode(
      `{"id":"${uuidv7()}","fullName":"${g.fullName}","passportNumber":"${g.passportNumber}",`,
    );
    const h = natsHeaders();
    h.set(BusHeader.KEY, riauKey.keyId);
    h.set(BusHeader.SIGNATURE, signBytes(garbage, riauKey.privateKey));
    await probe.js.publish('police.riau.arrest.recorded', garbage, { headers: h, msgID: uuidv7() });
    const f = extraPeople.deadLetterForged;
    const forged = structuredClone(valid) as unknown as BusEvent & { data: Json };
    forged.id = uuidv7();
    forged.data.suspects[0].person = { ...f, dateOfBirth: '1966-06-06', sex: 'M' };
    await publishSignedEvent(probe.js, forged as never, generateSigningKey('intruder'));
    await waitFor(async () => (await probe.jsm.streams.info('DEAD_LETTERS')).state.messages >= 3, {
      timeoutMs: 20_000,
      description: 'three dead letters',
    });
    await waitUntilQuiet(system, probe.jsm);
    const letters = await listDeadLetters(probe.jsm);
    expect(letters.map((l) => l.errorCode).sort()).toEqual(
      ['BUS.EVENT_INVALID', 'BUS.EVENT_INVALID', 'BUS.KEY_UNKNOWN'].sort(),
    );

    // The scan: every log line of every service and of the console's server, every error response,
    // every dead letter's error.
    const needles = needlesFor([...scenarioPeople(), ...Object.values(extraPeople)]);
    expect(needles.filter((x) => x.kind === 'nik').length).toBeGreaterThanOrEqual(58 + 11);
    expect(needles.filter((x) => x.kind === 'passport').length).toBeGreaterThanOrEqual(7);
    expect(needles.filter((x) => x.kind === 'phone').length).toBeGreaterThanOrEqual(9);
    const logsDir = join(system.stateDir, 'logs');
    const logFiles = readdirSync(logsDir).filter((file) => file.endsWith('.log'));
    expect(logFiles.sort()).toEqual(['console.log', 'immigration.log', 'ministry.log', 'police.log']);
    const hits: Hit[] = [];
    for (const file of logFiles) {
      const text = readFileSync(join(logsDir, file), 'utf8');
      // Non-empty, and written by the service (so the scan looks at the real output).
      expect([file, text.includes('listening on http://')]).toEqual([file, true]);
      hits.push(...scan(`logs/${file}`, text, needles));
    }
    // The refusals above were logged (consumer warnings), so the logs saw the dead-letter path too.
    expect(readFileSync(join(logsDir, 'ministry.log'), 'utf8')).toMatch(
      /dead-lettered .* BUS\.EVENT_INVALID/,
    );
    for (const c of captured) {
      expect([c.label, c.body.length > 0]).toEqual([c.label, true]);
      hits.push(...scan(`response ${c.label} (${c.status})`, c.body, needles));
    }
    for (const l of letters) {
      hits.push(...scan(`dead letter ${l.seq} of ${l.consumer}`, `${l.errorCode}\n${l.error}`, needles));
    }
    expect(hits).toEqual([]);
  }, 120_000);
});

function arrestEventData(run: {
  runId: string;
  occurredAt: Date;
}): EventDataMap['police.arrest.recorded.v1'] {
  // Read as the police edge reads a body: the scenario writes phone numbers as people do.
  const body = normaliseBodyPhoneNumbers(
    arrestBody(run, uuidv7()),
    phoneNumberPaths('police.arrest.recorded.v1'),
  );
  delete body.interceptionId;
  return {
    ...body,
    arrestId: uuidv7(),
    suspects: (body.suspects as Json[]).map((s) => ({ ...s, suspectId: uuidv7() })),
  } as unknown as EventDataMap['police.arrest.recorded.v1'];
}
