// Review finding (issue 10, defect 3's upgrade): a new per-deployment durable re-reads the matches
// the old shared durable had applied; the rows were kept once (ON CONFLICT DO NOTHING) but every
// re-read appended another `screening_match.recorded` record to the append-only audit chain.
import 'reflect-metadata';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { EventContext } from '@simpul/bus';
import { buildEvent, checkpointSource, uuidv7 } from '@simpul/contracts';
import { validFixture } from '@simpul/contracts/testing';
import { PoliceUnits } from '../config/police-units.js';
import { startPoliceTestApp, type PoliceTestApp } from '../testing/police-test-app.js';
import { recordMatchWhenScreeningMatched } from './reactions/record-match-when-screening-matched.handler.js';

jest.setTimeout(60_000);

let t: PoliceTestApp;

beforeAll(async () => {
  t = await startPoliceTestApp({
    database: 'police_match_audit',
    units: [{ unit: 'polda:riau', source: '/polri/polda/riau' }],
    tokens: {},
    env: { POLICE_UNITS: 'riau' },
  });
});

afterAll(async () => {
  await t?.stop();
});

it('records a match and its audit step once when the same event is applied again', async () => {
  const template = validFixture('immigration.screening.matched.v1').data;
  const event = buildEvent(
    'immigration.screening.matched.v1',
    {
      ...template,
      screeningId: uuidv7(),
      origin: { unit: 'polda:riau', eventId: uuidv7(), personId: uuidv7() },
    },
    { source: checkpointSource(template.checkpoint) },
  );
  const Handler = recordMatchWhenScreeningMatched('police-test-matches') as new (units: PoliceUnits) => {
    handle(e: typeof event, context: EventContext): Promise<void>;
  };
  const handler = new Handler(t.app.get(PoliceUnits));
  // Twice, each in its own transaction, as two durables (old and new) would apply it.
  for (let i = 0; i < 2; i++) {
    await t.dataSource.transaction((manager) =>
      handler.handle(event, { manager, working: () => undefined } as unknown as EventContext),
    );
  }
  const matches = (await t.dataSource.query(`SELECT count(*)::int AS n FROM matches WHERE event_id = $1`, [
    event.id,
  ])) as Array<{ n: number }>;
  const audited = (await t.dataSource.query(
    `SELECT count(*)::int AS n FROM audit_log WHERE event_id = $1 AND action = 'screening_match.recorded'`,
    [event.id],
  )) as Array<{ n: number }>;
  expect(matches[0]!.n).toBe(1);
  expect(audited[0]!.n).toBe(1);
});
