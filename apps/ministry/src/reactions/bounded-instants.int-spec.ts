// An arrest dated 9999-12-01 (signed by a Polda, built bypassing the contract's bound on instants)
// once made the ministry derive `+010000-…` validity dates, refuse its own entry event and roll the
// batch back on every redelivery until the dead letter. Now it is settled at once and later events flow.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { buildEvent, poldaSource, uuidv7, type SimpulEvent } from '@simpul/contracts';
import { arrestWithSuspects } from '@simpul/contracts/testing';
import { startMinistryTestApp, type MinistryTestApp } from '../testing/ministry-test-app.js';

jest.setTimeout(60_000);

const DESK_TOKEN = randomBytes(32).toString('hex');

let t: MinistryTestApp;

function arrestAt(occurredAt: string): SimpulEvent<'police.arrest.recorded.v1'> {
  const data = arrestWithSuspects(2).data;
  const event = buildEvent(
    'police.arrest.recorded.v1',
    {
      ...data,
      arrestId: uuidv7(),
      reportNumber: `LP/B/${Math.floor(Math.random() * 9000) + 1000}/VIII/2025/SPKT/POLDA RIAU`,
      suspects: data.suspects.map((s) => ({ ...s, suspectId: uuidv7(), status: 'at_large' as const })),
    },
    { source: poldaSource('riau') },
  );
  // Set after building: the builder (rightly) refuses it, a hostile or broken producer need not.
  return { ...event, data: { ...event.data, occurredAt } };
}

beforeAll(async () => {
  t = await startMinistryTestApp({
    database: 'ministry_instants',
    tokens: { [DESK_TOKEN]: 'ministry:desk' },
    defaultToken: DESK_TOKEN,
  });
}, 60_000);

afterAll(async () => {
  await t?.stop();
}, 30_000);

describe('an arrest dated past the contract range', () => {
  it('is settled without a redelivery, and the arrest after it issues its entries', async () => {
    const poisoned = arrestAt('9999-12-01T00:00:00Z');
    const next = arrestAt('2025-08-01T03:00:00Z');
    await t.publish(poisoned, poldaSource('riau'));
    await t.consumerSettledAt('POLICE', 'ministry-police', await t.publish(next, poldaSource('riau')));
    const info = await t.jsm.consumers.info('POLICE', 'ministry-police');
    expect(info.num_redelivered).toBe(0);
    const issued: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ministry_watchlist_entry WHERE valid_from = $1`,
      [next.data.occurredAt],
    );
    expect(issued[0]!.n).toBe(2);
    const fromPoisoned: Array<{ n: number }> = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM ministry_watchlist_entry WHERE valid_from = $1`,
      [poisoned.data.occurredAt],
    );
    expect(fromPoisoned[0]!.n).toBe(0);
  });
});
