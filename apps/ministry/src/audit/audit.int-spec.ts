// The ministry's audit trail in-process against a real PostgreSQL and a nats-server of this file's
// own: a foiled departure processed and a watchlist read land in one hash chain, and a candidate's
// NIK finds their trail at GET /v1/audit/subject (UU PDP art. 31, 32).
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import { verifyAuditChain } from '@simpul/audit';
import { publishSignedEvent, waitFor, type TestKeys } from '@simpul/bus/testing';
import { buildEvent, poldaSource } from '@simpul/contracts';
import { interceptionWithCandidates } from '@simpul/contracts/testing';
import { DataSource } from 'typeorm';
import { startMinistryTestApp, type MinistryTestApp } from '../testing/ministry-test-app.js';

jest.setTimeout(60_000);

const DESK_TOKEN = randomBytes(32).toString('hex');
const RIAU_TOKEN = randomBytes(32).toString('hex');
const ACCESS = { 'simpul-official': 'NIP 198701012010011001', 'simpul-purpose': 'case_handling' };

let t: MinistryTestApp;
let keys: TestKeys;
let app: INestApplication;
let nc: NatsConnection;

function get(path: string, headers: Record<string, string> = ACCESS, token = DESK_TOKEN) {
  return t.api('GET', path, undefined, { access: headers, token });
}

beforeAll(async () => {
  t = await startMinistryTestApp({
    database: 'ministry_audit',
    tokens: { [DESK_TOKEN]: 'ministry:desk', [RIAU_TOKEN]: 'polda:riau' },
    defaultToken: DESK_TOKEN,
    access: ACCESS,
  });
  ({ keys, app, nc } = t);
}, 60_000);

afterAll(async () => {
  await t?.stop();
}, 30_000);

describe('the ministry audit trail', () => {
  const interception = interceptionWithCandidates(3, { full: true }).data;
  const foiled = buildEvent(
    'police.departure.foiled.v1',
    { ...interception, candidateCount: 3 },
    { source: poldaSource('riau') },
  );
  const candidate = foiled.data.candidates.find((c) => c.person.nik)!;
  const nik = candidate.person.nik!;

  it('records processing a foiled departure and reading the watchlist, chained and intact', async () => {
    await publishSignedEvent(jetstream(nc), foiled, keys.keyRing.keyFor(poldaSource('riau'))!);
    const jsm = await jetstreamManager(nc);
    await waitFor(
      async () => {
        const info = await jsm.consumers.info('POLICE', 'ministry-police');
        return info.ack_floor.stream_seq >= 1 && info.num_ack_pending === 0 && info.num_pending === 0;
      },
      { description: 'ministry-police to apply the foiled departure', timeoutMs: 20_000 },
    );
    expect((await get('/v1/watchlist')).status).toBe(200);
    const dataSource = app.get(DataSource);
    const rows: Array<Record<string, unknown>> = await dataSource.query(
      `SELECT position, unit, official, purpose, action, record_type, record_id, event_id::text AS event_id,
              cardinality(subject_refs) AS refs
         FROM audit_log ORDER BY position`,
    );
    expect(rows).toEqual([
      {
        position: '1',
        unit: 'polda:riau',
        official: null,
        purpose: 'migrant_worker_protection',
        action: 'departure_foiled.processed',
        record_type: 'interception',
        record_id: foiled.data.interceptionId,
        event_id: foiled.id,
        refs: expect.any(Number),
      },
      {
        position: '2',
        unit: 'ministry:desk',
        official: ACCESS['simpul-official'],
        purpose: 'case_handling',
        action: 'watchlist_entry.listed',
        record_type: 'watchlist_entry',
        record_id: 'ministry:desk', // the reading unit: an audit records ids, never a URL
        event_id: null,
        refs: expect.any(Number),
      },
    ]);
    expect(rows[0]!['refs']).toBeGreaterThan(0);
    expect(rows[1]!['refs']).toBeGreaterThan(0);
    // Subject references are blind indexes: no identifier of any candidate is in the table.
    const dump = JSON.stringify(await dataSource.query('SELECT * FROM audit_log'));
    for (const c of foiled.data.candidates) {
      if (c.person.nik) expect(dump).not.toContain(c.person.nik);
      if (c.person.passportNumber) expect(dump).not.toContain(c.person.passportNumber);
    }
    expect((await verifyAuditChain(dataSource)).problems).toEqual([]);
  });

  it('gives a candidate’s trail by NIK, including this lookup, without echoing the NIK', async () => {
    const answer = await get(`/v1/audit/subject?nik=${nik}&purpose=data_subject_request`, {
      'simpul-official': 'NIP 198701012010011001',
    });
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).not.toContain(nik);
    expect(answer.body.truncated).toBe(false);
    expect(answer.body.records.map((r: { action: string }) => r.action)).toEqual([
      'departure_foiled.processed',
      'watchlist_entry.listed',
      'subject_trail.read',
    ]);
    expect(answer.body.records[0]).toEqual({
      position: 1,
      recordedAt: expect.any(String),
      unit: 'polda:riau',
      official: null,
      purpose: 'migrant_worker_protection',
      action: 'departure_foiled.processed',
      recordType: 'interception',
      recordId: foiled.data.interceptionId,
      eventId: foiled.id,
    });
    expect(answer.body.records[2]).toMatchObject({ unit: 'ministry:desk', purpose: 'data_subject_request' });
    // Another subject's trail holds none of it.
    const other = await get(`/v1/audit/subject?nik=3171999999999999&purpose=data_subject_request`, ACCESS);
    expect(other.body.records.map((r: { action: string }) => r.action)).toEqual(['subject_trail.read']);
  });

  it('answers 400 naming the parameter and the rule, 403 for any unit but the desk', async () => {
    const noPurpose = await get(`/v1/audit/subject?nik=${nik}`, ACCESS);
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.body.details).toEqual([expect.objectContaining({ path: 'purpose', rule: 'required' })]);
    expect(JSON.stringify(noPurpose.body)).not.toContain(nik);
    const badNik = await get(`/v1/audit/subject?nik=12345&purpose=data_subject_request`, ACCESS);
    expect(badNik.body.details).toEqual([expect.objectContaining({ path: 'nik', rule: 'pattern' })]);
    const both = await get(`/v1/audit/subject?nik=${nik}&passport=C1234567&purpose=x`, ACCESS);
    expect(both.body.details).toEqual([expect.objectContaining({ path: 'nik', rule: 'oneOf' })]);
    const noOfficial = await get(`/v1/audit/subject?nik=${nik}&purpose=data_subject_request`, {});
    expect(noOfficial.body.details).toEqual([
      expect.objectContaining({ path: 'header:Simpul-Official', rule: 'required' }),
    ]);
    const riau = await get(`/v1/audit/subject?nik=${nik}&purpose=data_subject_request`, ACCESS, RIAU_TOKEN);
    expect(riau.status).toBe(403);
    // The watchlist read needs its official and purpose too.
    expect((await get('/v1/watchlist', {})).status).toBe(400);
  });
});
