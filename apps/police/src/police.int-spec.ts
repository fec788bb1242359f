// The police service in-process against a real PostgreSQL and a nats-server of this file's own:
// recording through the outbox to JetStream (signed with the Polda's key), validation, unit
// authorization, idempotency, and checkpoint matches consumed and listed per Polda.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { BusConnection, BusHeader, canonicalBytes, verifyBytes } from '@simpul/bus';
import { publishSignedEvent, waitFor, type TestKeys } from '@simpul/bus/testing';
import { buildEvent, checkpointSource, parseEvent, uuidv7 } from '@simpul/contracts';
import { validFixture } from '@simpul/contracts/testing';
import { verifyAuditChain } from '@simpul/audit';
import type { DataSource } from 'typeorm';
import { startPoliceTestApp, type PoliceTestApp } from './testing/police-test-app.js';

jest.setTimeout(60_000);

const RIAU_TOKEN = 'riau-token-0123456789abcdef0123';
const KEPRI_TOKEN = 'kepri-token-0123456789abcdef012';
/** A real Polda this deployment does not serve (POLICE_UNITS=riau,kepri). */
const KALBAR_TOKEN = 'kalbar-token-0123456789abcdef01';

let t: PoliceTestApp;
let keys: TestKeys;
let dataSource: DataSource;
let base: string;
let probe: BusConnection;

/** An arrest body as a Polda system sends it: the event data without generated ids. */
function arrestBody(polda = 'riau'): Record<string, unknown> {
  const { arrestId: _a, ...data } = validFixture('police.arrest.recorded.v1').data;
  return {
    ...data,
    polda,
    suspects: data.suspects.map(({ suspectId: _s, ...suspect }) => suspect),
  };
}

function interceptionBody(polda = 'riau'): Record<string, unknown> {
  const { interceptionId: _i, ...data } = validFixture('police.departure.foiled.v1').data;
  return { ...data, polda, candidates: data.candidates.map(({ candidateId: _c, ...c }) => c) };
}

function post(path: string, token: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Reads of personal data name the official and the purpose (audited). */
const ACCESS = { 'simpul-official': 'NRP 84010123', 'simpul-purpose': 'case_handling' };

function get(path: string, token: string, headers: Record<string, string> = ACCESS) {
  return fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
}

/**
 * What the service has written: rows per table, and events emitted (still in the outbox or already
 * on the POLICE stream; the relay publishes before it deletes, so a new event always shows).
 */
async function counts(): Promise<{ arrests: number; interceptions: number; keys: number; emitted: number }> {
  const [row] = await dataSource.query(`SELECT
      (SELECT count(*)::int FROM arrests) AS arrests,
      (SELECT count(*)::int FROM interceptions) AS interceptions,
      (SELECT count(*)::int FROM http_idempotency_key) AS keys,
      (SELECT count(*)::int FROM bus_outbox) AS outbox`);
  const onStream = (await probe.jsm.streams.info('POLICE')).state.messages;
  return {
    arrests: row.arrests,
    interceptions: row.interceptions,
    keys: row.keys,
    emitted: row.outbox + onStream,
  };
}

/** counts() once the relay has published everything (so the figure cannot move by itself). */
async function settledCounts(): Promise<Awaited<ReturnType<typeof counts>>> {
  await waitFor(
    async () => (await dataSource.query(`SELECT count(*)::int AS n FROM bus_outbox`))[0].n === 0,
    {
      description: 'outbox drained',
    },
  );
  return counts();
}

beforeAll(async () => {
  t = await startPoliceTestApp({
    units: [
      { unit: 'polda:riau', source: '/polri/polda/riau' },
      { unit: 'polda:kepri', source: '/polri/polda/kepri' },
      { unit: 'checkpoint:batam-center', source: checkpointSource('batam-center') },
    ],
    tokens: { [RIAU_TOKEN]: 'polda:riau', [KEPRI_TOKEN]: 'polda:kepri', [KALBAR_TOKEN]: 'polda:kalbar' },
    env: { POLICE_UNITS: 'riau,kepri' },
    relayPollIntervalMs: 100,
  });
  ({ keys, dataSource, probe, baseUrl: base } = t);
});

afterAll(async () => {
  await t?.stop();
});

describe('/health', () => {
  it('checks the database and NATS', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      service: 'police',
      status: 'ok',
      checks: { database: { status: 'up' }, nats: { status: 'up', connected: true } },
    });
  });
});

describe('POST /v1/arrests', () => {
  it('records the arrest and publishes police.riau.arrest.recorded signed with the Polda key', async () => {
    await probe.jsm.consumers.add('POLICE', {
      durable_name: 'police-int-arrests',
      filter_subject: 'police.riau.arrest.recorded',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
    });
    const res = await post('/v1/arrests', RIAU_TOKEN, arrestBody());
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; eventId: string };
    expect(created).toEqual({ id: expect.any(String), eventId: expect.any(String) });

    const consumer = await probe.js.consumers.get('POLICE', 'police-int-arrests');
    const msg = await waitFor(() => consumer.next({ expires: 1000 }), { description: 'arrest on JetStream' });
    msg.ack();
    expect(msg.subject).toBe('police.riau.arrest.recorded');
    const parsed = parseEvent(msg.data);
    expect(parsed.ok).toBe(true);
    const event = parsed.ok ? parsed.event : undefined;
    expect(event).toMatchObject({
      id: created.eventId,
      type: 'police.arrest.recorded.v1',
      source: '/polri/polda/riau',
      data: { arrestId: created.id, polda: 'riau' },
    });
    expect(msg.headers?.get(BusHeader.MSG_ID)).toBe(created.eventId);
    const keyId = msg.headers?.get(BusHeader.KEY) ?? '';
    const key = keys.registry.lookup(keyId);
    expect(key?.sources.has('/polri/polda/riau')).toBe(true);
    const signature = msg.headers?.get(BusHeader.SIGNATURE) ?? '';
    expect(verifyBytes(canonicalBytes(event), signature, key!.publicKey)).toBe(true);

    // Every suspect got a generated id; the owner reads the record back, nobody else does.
    const suspects = (event?.data as { suspects: { suspectId: string }[] }).suspects;
    expect(new Set(suspects.map((s) => s.suspectId)).size).toBe(suspects.length);
    const read = await get(`/v1/arrests/${created.id}`, RIAU_TOKEN);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: created.id, eventId: created.eventId, polda: 'riau' });
    const other = await get(`/v1/arrests/${created.id}`, KEPRI_TOKEN);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ code: 'POLICE.ARREST_NOT_FOUND' });
  });

  it('answers 400 naming every bad field (a NIK sent as a number among them) and writes nothing', async () => {
    const before = await settledCounts();
    const body = arrestBody();
    const suspects = body.suspects as Record<string, unknown>[];
    suspects[0]!.person = { ...(suspects[0]!.person as object), nik: 1471011203850001 };
    suspects[1]!.role = 'smuggler';
    body.occurredAt = 'yesterday';
    body.arrestId = uuidv7();
    delete body.reportNumber;
    body.location = { ...(body.location as object), name: '   ' };
    const res = await post('/v1/arrests', RIAU_TOKEN, body);
    expect(res.status).toBe(400);
    const error = (await res.json()) as {
      code: string;
      details: { path: string; rule: string; message: string }[];
    };
    expect(error.code).toBe('VALIDATION_FAILED');
    const problems = error.details.map((d) => `${d.path} ${d.rule}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'suspects[0].person.nik type',
        'suspects[1].role enum',
        'occurredAt dateTime',
        'arrestId unknownProperty',
        'reportNumber required',
        'location.name minLength',
      ]),
    );
    expect(JSON.stringify(error)).not.toContain('1471011203850001');
    expect(await counts()).toEqual(before);
  });

  it('answers 403 AUTH.WRONG_UNIT when a riau token records for kepri, writing nothing', async () => {
    const before = await settledCounts();
    const res = await post('/v1/arrests', RIAU_TOKEN, arrestBody('kepri'), {
      'idempotency-key': 'wrong-unit-1',
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ statusCode: 403, code: 'AUTH.WRONG_UNIT' });
    expect(await counts()).toEqual(before);
  });

  it('answers 403 POLICE.POLDA_NOT_SERVED for a Polda this deployment does not serve', async () => {
    const before = await settledCounts();
    const res = await post('/v1/arrests', KALBAR_TOKEN, arrestBody('kalbar'));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'POLICE.POLDA_NOT_SERVED' });
    expect(await counts()).toEqual(before);
  });

  it('answers a repeat with the same Idempotency-Key with the first result and writes nothing more', async () => {
    const body = arrestBody();
    const first = await post('/v1/arrests', RIAU_TOKEN, body, { 'idempotency-key': 'lp-123-first' });
    expect(first.status).toBe(201);
    const firstBody = await first.json();
    const after = await settledCounts();

    // Key order and surrounding whitespace do not make a different request.
    const reordered = {
      ...Object.fromEntries(Object.entries(body).reverse()),
      reportNumber: ` ${body.reportNumber as string} `,
    };
    const repeat = await post('/v1/arrests', RIAU_TOKEN, reordered, { 'idempotency-key': 'lp-123-first' });
    expect(repeat.status).toBe(201);
    expect(await repeat.json()).toEqual(firstBody);
    expect(await counts()).toEqual(after);

    // Same key, another body: refused.
    const changed = await post(
      '/v1/arrests',
      RIAU_TOKEN,
      { ...body, reportNumber: 'LP/B/999/VII/2025' },
      {
        'idempotency-key': 'lp-123-first',
      },
    );
    expect(changed.status).toBe(409);
    expect(await changed.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await counts()).toEqual(after);

    // Two identical requests at once: both answered alike, one arrest recorded.
    const racing = await Promise.all(
      [1, 2].map(() => post('/v1/arrests', RIAU_TOKEN, body, { 'idempotency-key': 'lp-123-race' })),
    );
    expect(racing.map((r) => r.status)).toEqual([201, 201]);
    const [a, b] = await Promise.all(racing.map((r) => r.json()));
    expect(a).toEqual(b);
    expect((await settledCounts()).arrests).toBe(after.arrests + 1);

    // Keys are per unit: kepri may use the same key for its own request.
    const kepri = await post('/v1/arrests', KEPRI_TOKEN, arrestBody('kepri'), {
      'idempotency-key': 'lp-123-first',
    });
    expect(kepri.status).toBe(201);
    expect(((await kepri.json()) as { id: string }).id).not.toBe((firstBody as { id: string }).id);
  });
});

describe('POST /v1/interceptions', () => {
  it('records a foiled departure, publishes police.riau.departure.foiled, and lets only riau read it', async () => {
    const body = interceptionBody();
    // Strings are trimmed before validation: padding is not an error, and is not stored.
    body.location = { ...(body.location as object), name: '  Pelabuhan rakyat Pulau Rupat \n' };
    const res = await post('/v1/interceptions', RIAU_TOKEN, body);
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; eventId: string };
    const read = await get(`/v1/interceptions/${created.id}`, RIAU_TOKEN);
    expect(read.status).toBe(200);
    const record = (await read.json()) as {
      data: { candidates: { candidateId: string }[]; candidateCount: number; location: { name: string } };
    };
    expect(record.data.location.name).toBe('Pelabuhan rakyat Pulau Rupat');
    expect(record.data.candidateCount).toBe(58);
    expect(record.data.candidates.every((c) => typeof c.candidateId === 'string')).toBe(true);
    expect((await get(`/v1/interceptions/${created.id}`, KEPRI_TOKEN)).status).toBe(404);
    await waitFor(
      async () => {
        const info = await probe.jsm.streams.getMessage('POLICE', {
          last_by_subj: 'police.riau.departure.foiled',
        });
        return (
          info !== null &&
          (JSON.parse(new TextDecoder().decode(info.data)) as { id: string }).id === created.eventId
        );
      },
      { description: 'interception on JetStream' },
    );
  });

  it('puts an arrest made in a recorded interception into that interception’s flow (correlation id)', async () => {
    const interception = (await (await post('/v1/interceptions', RIAU_TOKEN, interceptionBody())).json()) as {
      id: string;
      eventId: string;
    };
    const res = await post('/v1/arrests', RIAU_TOKEN, { ...arrestBody(), interceptionId: interception.id });
    expect(res.status).toBe(201);
    const arrest = (await res.json()) as { eventId: string };
    const event = await waitFor(
      async () => {
        const msg = await probe.jsm.streams.getMessage('POLICE', {
          last_by_subj: 'police.riau.arrest.recorded',
        });
        const body = msg
          ? (JSON.parse(new TextDecoder().decode(msg.data)) as { id: string; correlationid: string })
          : null;
        return body?.id === arrest.eventId ? body : null;
      },
      { description: 'arrest on JetStream' },
    );
    expect(event.correlationid).toBe(interception.eventId);
  });

  it('answers 400 when candidateCount is below the candidates listed', async () => {
    const res = await post('/v1/interceptions', RIAU_TOKEN, { ...interceptionBody(), candidateCount: 1 });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { details: unknown[] }).details).toEqual([
      expect.objectContaining({ path: 'candidateCount', rule: 'candidateCountCoversCandidates' }),
    ]);
  });
});

describe('GET /v1/matches (consumer police-gateway-matches, the default deployment)', () => {
  it('lists a checkpoint match on a riau suspect for riau only, once, without traveller details', async () => {
    const template = validFixture('immigration.screening.matched.v1').data;
    const suspectId = uuidv7();
    const originEventId = uuidv7();
    const match = buildEvent(
      'immigration.screening.matched.v1',
      {
        ...template,
        screeningId: uuidv7(),
        origin: { unit: 'polda:riau', eventId: originEventId, personId: suspectId },
      },
      { source: checkpointSource(template.checkpoint) },
    );
    const elsewhere = buildEvent(
      'immigration.screening.matched.v1',
      { ...template, screeningId: uuidv7(), origin: { unit: 'polda:kalbar', eventId: uuidv7() } },
      { source: checkpointSource(template.checkpoint) },
    );
    const signer = keys.keyRing.keyFor(checkpointSource(template.checkpoint));
    expect(signer).toBeDefined();
    await publishSignedEvent(probe.js, elsewhere, signer!);
    await publishSignedEvent(probe.js, match, signer!);
    // A redelivered copy (another Nats-Msg-Id gets past JetStream de-duplication) changes nothing.
    await publishSignedEvent(probe.js, match, signer!, { msgId: uuidv7() });

    await waitFor(
      async () =>
        (
          await dataSource.query(
            `SELECT count(*)::int AS n FROM bus_inbox WHERE consumer = 'police-gateway-matches'`,
          )
        )[0].n === 2,
      { description: 'both matches applied' },
    );
    const riau = (await (await get('/v1/matches', RIAU_TOKEN)).json()) as {
      matches: Record<string, unknown>[];
    };
    expect(riau.matches).toEqual([
      {
        eventId: match.id,
        screeningId: match.data.screeningId,
        entryId: template.entryId,
        entryVersion: template.entryVersion,
        checkpoint: template.checkpoint,
        decision: template.decision,
        score: template.score,
        occurredAt: new Date(template.occurredAt).toISOString(),
        origin: { unit: 'polda:riau', eventId: originEventId, personId: suspectId },
      },
    ]);
    const kepri = (await (await get('/v1/matches', KEPRI_TOKEN)).json()) as { matches: unknown[] };
    expect(kepri.matches).toEqual([]);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM matches`);
    expect(n).toBe(1);
  });
});

describe('audit trail (UU PDP art. 31)', () => {
  type AuditRow = {
    position: string;
    unit: string;
    official: string | null;
    purpose: string;
    action: string;
    record_type: string;
    record_id: string;
    event_id: string | null;
  };
  const rows = (): Promise<AuditRow[]> =>
    dataSource.query(
      `SELECT position, unit, official, purpose, action, record_type, record_id, event_id::text AS event_id FROM audit_log ORDER BY position`,
    );

  it('chains every recording, processed event and personal-data read, and stays intact', async () => {
    const created = (await (await post('/v1/arrests', RIAU_TOKEN, arrestBody())).json()) as {
      id: string;
      eventId: string;
    };
    expect((await get(`/v1/arrests/${created.id}`, RIAU_TOKEN)).status).toBe(200);
    const trail = await rows();
    expect(trail.at(-2)).toMatchObject({
      unit: 'polda:riau',
      official: null,
      purpose: 'law_enforcement',
      action: 'arrest.recorded',
      record_type: 'arrest',
      record_id: created.id,
      event_id: created.eventId,
    });
    expect(trail.at(-1)).toMatchObject({
      unit: 'polda:riau',
      official: 'NRP 84010123',
      purpose: 'case_handling',
      action: 'arrest.read',
      record_type: 'arrest',
      record_id: created.id,
      event_id: null,
    });
    // The matches consumed above, the interceptions recorded and read, the lists read.
    const actions = new Set(trail.map((r) => r.action));
    for (const action of [
      'interception.recorded',
      'interception.read',
      'screening_match.recorded',
      'match.listed',
    ])
      expect(actions).toContain(action);
    expect(trail.find((r) => r.action === 'screening_match.recorded')).toMatchObject({
      unit: 'checkpoint:batam-center',
      record_type: 'match',
    });
    expect(trail.map((r) => Number(r.position))).toEqual(trail.map((_, i) => i + 1));
    const verified = await verifyAuditChain(dataSource);
    expect(verified.problems).toEqual([]);
    expect(verified.records).toBe(trail.length);
  });

  it('answers a personal-data read without official or purpose 400, naming the header, and records nothing', async () => {
    const created = (await (await post('/v1/interceptions', RIAU_TOKEN, interceptionBody())).json()) as {
      id: string;
    };
    const before = (await rows()).length;
    const answer = await get(`/v1/interceptions/${created.id}`, RIAU_TOKEN, {
      'simpul-purpose': 'case_handling',
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'header:Simpul-Official', rule: 'required' }],
    });
    const badPurpose = await get('/v1/matches', RIAU_TOKEN, {
      'simpul-official': 'x',
      'simpul-purpose': 'Just Looking',
    });
    expect(badPurpose.status).toBe(400);
    expect(await badPurpose.json()).toMatchObject({
      details: [{ path: 'header:Simpul-Purpose', rule: 'format' }],
    });
    // Another Polda's record answers 404 and discloses nothing, so nothing is recorded.
    expect((await get(`/v1/interceptions/${created.id}`, KEPRI_TOKEN)).status).toBe(404);
    expect(await rows()).toHaveLength(before);
  });
});
