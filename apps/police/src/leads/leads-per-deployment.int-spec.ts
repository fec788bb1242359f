// The cyber patrol's findings reach the police as leads: each deployment reads every finding on a
// durable of its own (police-<deployment>-leads) and keeps those whose region is a Polda it serves.
// Two deployments on one nats-server, each with its own database: one serving Riau, one serving
// Kepri and Jambi, so that a Polda's token is seen to list its own leads only.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { publishSignedEvent, waitFor } from '@simpul/bus/testing';
import { buildEvent, MINISTRY_SOURCE, uuidv7, type SimpulEvent } from '@simpul/contracts';
import { validFixture } from '@simpul/contracts/testing';
import { startPoliceTestApp, type PoliceTestApp } from '../testing/police-test-app.js';

jest.setTimeout(90_000);

const RIAU_TOKEN = 'riau-token-0123456789abcdef0123';
const KEPRI_TOKEN = 'kepri-token-0123456789abcdef012';
const JAMBI_TOKEN = 'jambi-token-0123456789abcdef012';
/** Leads hold phone numbers and handles: a read names the official and the purpose (audited). */
const ACCESS = { 'simpul-official': 'NRP 84010123', 'simpul-purpose': 'case_handling' };

type Finding = SimpulEvent<'ministry.patrol.finding.recorded.v1'>;

let riau: PoliceTestApp;
let islands: PoliceTestApp;

beforeAll(async () => {
  riau = await startPoliceTestApp({
    database: 'police_leads_riau',
    units: [
      { unit: 'polda:riau', source: '/polri/polda/riau' },
      { unit: 'polda:kepri', source: '/polri/polda/kepri' },
      { unit: 'polda:jambi', source: '/polri/polda/jambi' },
      { unit: 'ministry:service', source: MINISTRY_SOURCE },
    ],
    tokens: { [RIAU_TOKEN]: 'polda:riau' },
    env: { POLICE_UNITS: 'riau', POLICE_DEPLOYMENT: 'police:riau' },
  });
  islands = await startPoliceTestApp({
    alongside: riau,
    database: 'police_leads_islands',
    units: [],
    tokens: { [KEPRI_TOKEN]: 'polda:kepri', [JAMBI_TOKEN]: 'polda:jambi' },
    env: { POLICE_UNITS: 'kepri,jambi', POLICE_DEPLOYMENT: 'police:islands' },
  });
});

afterAll(async () => {
  await islands?.stop();
  await riau?.stop();
});

/** A finding of the ministry's patrol on `region` (none when undefined). */
function findingOn(region: string | undefined): Finding {
  const { region: _region, ...data } = validFixture('ministry.patrol.finding.recorded.v1').data;
  return buildEvent(
    'ministry.patrol.finding.recorded.v1',
    { ...data, findingId: uuidv7(), caseIds: [uuidv7()], ...(region ? { region } : {}) },
    { source: MINISTRY_SOURCE },
  );
}

async function leadIds(app: PoliceTestApp): Promise<string[]> {
  const rows: Array<{ finding_id: string }> = await app.dataSource.query(
    `SELECT finding_id FROM leads ORDER BY finding_id`,
  );
  return rows.map((r) => r.finding_id);
}

function list(app: PoliceTestApp, token: string, access: Record<string, string> = ACCESS) {
  return fetch(`${app.baseUrl}/v1/leads`, { headers: { authorization: `Bearer ${token}`, ...access } });
}

/** True once every consumer of the MINISTRY stream has delivered and settled every message. */
async function everyConsumerSettled(expectedMessages: number): Promise<boolean> {
  const jsm = riau.probe.jsm;
  if ((await jsm.streams.info('MINISTRY')).state.messages < expectedMessages) return false;
  const consumers = await jsm.consumers.list('MINISTRY').next();
  const leads = consumers.filter((c) => c.name.endsWith('-leads'));
  return leads.length === 2 && leads.every((c) => c.num_pending === 0 && c.num_ack_pending === 0);
}

describe('patrol findings as leads, with two police deployments', () => {
  const onRiau = findingOn('riau');
  const onKepri = findingOn('kepri');
  const onJambi = findingOn('jambi');
  const nowhere = findingOn(undefined);

  beforeAll(async () => {
    const signer = riau.keys.keyRing.keyFor(MINISTRY_SOURCE)!;
    for (const finding of [onRiau, onKepri, onJambi, nowhere]) {
      await publishSignedEvent(riau.probe.js, finding, signer);
    }
    // The Riau finding again, past JetStream's de-duplication: the inbox keeps it once.
    await publishSignedEvent(riau.probe.js, onRiau, signer, { msgId: uuidv7() });
    await waitFor(() => everyConsumerSettled(5), {
      description: 'both leads consumers settled every finding',
      timeoutMs: 60_000,
    });
  });

  it('keeps each finding at the deployment serving its region, once, and a finding without region nowhere', async () => {
    expect(await leadIds(riau)).toEqual([onRiau.data.findingId]);
    expect(await leadIds(islands)).toEqual([onKepri.data.findingId, onJambi.data.findingId].sort());
  });

  it("lists the caller's Polda's leads only, every field as the ministry published it", async () => {
    const answer = await list(riau, RIAU_TOKEN);
    expect(answer.status).toBe(200);
    const { leads } = (await answer.json()) as { leads: Array<Record<string, unknown>> };
    expect(leads).toEqual([{ ...onRiau.data, eventId: onRiau.id }]);
    for (const [token, expected] of [
      [KEPRI_TOKEN, onKepri],
      [JAMBI_TOKEN, onJambi],
    ] as const) {
      const body = (await (await list(islands, token)).json()) as { leads: Array<{ findingId: string }> };
      expect(body.leads.map((l) => l.findingId)).toEqual([expected.data.findingId]);
    }
  });

  it('refuses a read without official and purpose', async () => {
    const answer = await list(islands, KEPRI_TOKEN, {});
    expect(answer.status).toBe(400);
  });
});
