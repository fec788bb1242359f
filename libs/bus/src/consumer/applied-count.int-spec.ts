// The runner's `applied` count means committed: it never runs ahead of the effects another session
// can read, and a transaction that fails at its very commit and is retried is counted once. Tests
// and operators wait on this count (shared-durable.int-spec once saw 300 applied and 291 rows).
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { QueryRunner } from 'typeorm';
import type { SimpulBus } from '../bus.js';
import { appendToOutbox } from '../outbox/append.js';
import { arrestEvent } from '../testing/fixtures.js';
import { createBusHarness, type BusHarness } from '../testing/harness.js';
import { waitFor } from '../testing/wait-for.js';
import { collectHandlers } from './collect-handlers.js';
import { OnBusEvent } from './decorators.js';
import type { EventContext } from './handler.js';

jest.setTimeout(30_000);

/**
 * A deferred constraint trigger runs inside COMMIT, after every handler has returned: it holds the
 * commit for a moment (the window a loaded machine opens by chance) and refuses the first commit
 * (the sequence is not transactional, so the retry's commit goes through).
 */
class SlowCommit1764300000009 {
  name = 'SlowCommit1764300000009';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE counted_effects (event_id uuid NOT NULL)`);
    await q.query(`CREATE SEQUENCE counted_commits`);
    await q.query(
      `CREATE FUNCTION counted_effects_commit() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_sleep(0.4);
         IF nextval('counted_commits') = 1 THEN RAISE EXCEPTION 'first commit refused'; END IF;
         RETURN NULL;
       END $$`,
    );
    await q.query(
      `CREATE CONSTRAINT TRIGGER counted_effects_commit AFTER INSERT ON counted_effects
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION counted_effects_commit()`,
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE counted_effects; DROP FUNCTION counted_effects_commit; DROP SEQUENCE counted_commits`,
    );
  }
}

class Handlers {
  @OnBusEvent('police.arrest.recorded.v1', { consumer: 'ministry-police' })
  async onArrest(event: { id: string }, { manager }: EventContext): Promise<void> {
    await manager.query(`INSERT INTO counted_effects (event_id) VALUES ($1)`, [event.id]);
  }
}

let h: BusHarness;
let bus: SimpulBus;

beforeAll(async () => {
  h = await createBusHarness({ prefix: 'bus_counted', migrations: [SlowCommit1764300000009] });
  bus = await h.startBus({
    handlers: collectHandlers(new Handlers()),
    consumers: { 'ministry-police': { retryDelaysMs: [50] } },
  });
});

afterAll(async () => {
  await h?.close();
});

it('counts an event applied only once its transaction committed, and once', async () => {
  const stats = bus.runners.get('ministry-police')!.stats;
  const event = arrestEvent();
  await h.dataSource.transaction((manager) => appendToOutbox(manager, event));
  const committed = async (): Promise<number> =>
    (await h.dataSource.query(`SELECT count(*)::int AS n FROM counted_effects`))[0].n;
  // [applied, committed rows] whenever the count was ahead of what another session can read.
  const ahead: Array<[number, number]> = [];
  await waitFor(
    async () => {
      const applied = stats.applied;
      const rows = await committed();
      if (applied > rows) ahead.push([applied, rows]);
      return rows === 1 && stats.applied >= 1;
    },
    { timeoutMs: 20_000, intervalMs: 10, description: 'the effect committed and counted' },
  );
  expect(ahead).toEqual([]);
  // The refused commit was retried (the event's one effect is the retry's) and counted once.
  expect(stats.retried).toBe(1);
  expect(stats.applied).toBe(1);
  expect(stats.duplicates).toBe(0);
  expect(await committed()).toBe(1);
});
