// Defect 3 (issue 10): with several police deployments on one bus, every checkpoint match reaches
// the deployment serving the Polda that reported the person. Two deployments (one serving Riau,
// one Kepri) on one nats-server, each with its own database: a match's subject names only the
// checkpoint, so each deployment must read every match on a durable of its own.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { publishSignedEvent, waitFor } from '@simpul/bus/testing';
import { buildEvent, checkpointSource, uuidv7 } from '@simpul/contracts';
import { validFixture } from '@simpul/contracts/testing';
import { startPoliceTestApp, type PoliceTestApp } from '../testing/police-test-app.js';

jest.setTimeout(90_000);

const RIAU_TOKEN = 'riau-token-0123456789abcdef0123';
const KEPRI_TOKEN = 'kepri-token-0123456789abcdef012';
/** Reads of personal data name the official and the purpose (audited). */
const ACCESS = { 'simpul-official': 'NRP 84010123', 'simpul-purpose': 'case_handling' };
const PER_POLDA = 20;

let riau: PoliceTestApp;
let kepri: PoliceTestApp;

beforeAll(async () => {
  riau = await startPoliceTestApp({
    database: 'police_riau',
    units: [
      { unit: 'polda:riau', source: '/polri/polda/riau' },
      { unit: 'polda:kepri', source: '/polri/polda/kepri' },
      { unit: 'checkpoint:batam-center', source: checkpointSource('batam-center') },
    ],
    tokens: { [RIAU_TOKEN]: 'polda:riau' },
    env: { POLICE_UNITS: 'riau', POLICE_DEPLOYMENT: 'police:riau' },
  });
  kepri = await startPoliceTestApp({
    alongside: riau,
    database: 'police_kepri',
    units: [],
    tokens: { [KEPRI_TOKEN]: 'polda:kepri' },
    env: { POLICE_UNITS: 'kepri', POLICE_DEPLOYMENT: 'police:kepri' },
  });
});

afterAll(async () => {
  await kepri?.stop();
  await riau?.stop();
});

/** Checkpoint matches on persons the given Polda reported. */
function matchesOn(polda: string, count: number) {
  const template = validFixture('immigration.screening.matched.v1').data;
  return Array.from({ length: count }, () =>
    buildEvent(
      'immigration.screening.matched.v1',
      {
        ...template,
        screeningId: uuidv7(),
        origin: { unit: `polda:${polda}`, eventId: uuidv7(), personId: uuidv7() },
      },
      { source: checkpointSource(template.checkpoint) },
    ),
  );
}

/** Origin unit → matches kept, in one deployment's database. */
async function keptByOrigin(app: PoliceTestApp): Promise<Record<string, number>> {
  const rows = (await app.dataSource.query(
    `SELECT origin_unit, count(*)::int AS n FROM matches GROUP BY origin_unit`,
  )) as Array<{ origin_unit: string; n: number }>;
  return Object.fromEntries(rows.map((row) => [row.origin_unit, row.n]));
}

/** True once every consumer of the IMMIGRATION stream has delivered and settled every message. */
async function everyConsumerSettled(expectedMessages: number): Promise<boolean> {
  const jsm = riau.probe.jsm;
  if ((await jsm.streams.info('IMMIGRATION')).state.messages < expectedMessages) return false;
  const consumers = await jsm.consumers.list('IMMIGRATION').next();
  return consumers.length > 0 && consumers.every((c) => c.num_pending === 0 && c.num_ack_pending === 0);
}

describe('checkpoint matches with two police deployments (Riau, Kepri)', () => {
  it(`delivers ${PER_POLDA} of ${PER_POLDA} Kepri matches to the Kepri deployment and the Riau ones to Riau`, async () => {
    const template = validFixture('immigration.screening.matched.v1').data;
    const signer = riau.keys.keyRing.keyFor(checkpointSource(template.checkpoint))!;
    const kepriMatches = matchesOn('kepri', PER_POLDA);
    const riauMatches = matchesOn('riau', PER_POLDA);
    // Interleaved, as a checkpoint's matches arrive.
    for (let i = 0; i < PER_POLDA; i++) {
      await publishSignedEvent(riau.probe.js, kepriMatches[i]!, signer);
      await publishSignedEvent(riau.probe.js, riauMatches[i]!, signer);
    }
    await waitFor(() => everyConsumerSettled(2 * PER_POLDA), {
      description: 'every police consumer settled every match',
      timeoutMs: 60_000,
    });

    expect(await keptByOrigin(kepri)).toEqual({ 'polda:kepri': PER_POLDA });
    expect(await keptByOrigin(riau)).toEqual({ 'polda:riau': PER_POLDA });
    const listed = (await (
      await fetch(`${kepri.baseUrl}/v1/matches`, {
        headers: { authorization: `Bearer ${KEPRI_TOKEN}`, ...ACCESS },
      })
    ).json()) as { matches: Array<{ eventId: string }> };
    expect(listed.matches.map((m) => m.eventId).sort()).toEqual(kepriMatches.map((m) => m.id).sort());
  });
});
