// A hung handler cannot wedge a durable: past the handler time limit its transaction is cancelled
// and rolled back, its connection goes back to the pool, the message is redelivered, and the
// messages behind it flow. Real nats-server and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { DataSource, QueryRunner } from 'typeorm';
import type { SimpulBus } from '../bus.js';
import { createTestDataSource } from '../testing/data-source.js';
import { createBusHarness, type BusHarness } from '../testing/harness.js';
import { publishSignedEvent } from '../testing/events.js';
import { arrestEvent } from '../testing/fixtures.js';
import { waitFor } from '../testing/wait-for.js';
import { boundedTransaction } from './bounded-transaction.js';
import { collectHandlers } from './collect-handlers.js';
import { OnBusEvent } from './decorators.js';
import type { EventContext } from './handler.js';

class HungEffects1764300000001 {
  name = 'HungEffects1764300000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE hung_effects (event_id uuid NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE hung_effects`);
  }
}

/** Events whose first attempt hangs in the database. */
const hangOnce = new Set<string>();
const attempts = new Map<string, number>();

class Handlers {
  @OnBusEvent('police.arrest.recorded.v1', { consumer: 'ministry-police' })
  async onArrest(event: { id: string }, { manager }: EventContext): Promise<void> {
    const n = (attempts.get(event.id) ?? 0) + 1;
    attempts.set(event.id, n);
    // Write first: the abandoned attempt's effect must be rolled back.
    await manager.query(`INSERT INTO hung_effects (event_id) VALUES ($1)`, [event.id]);
    if (hangOnce.has(event.id) && n === 1) await manager.query(`SELECT pg_sleep(600)`);
  }
}

jest.setTimeout(30_000);

const HANDLER_TIMEOUT_MS = 1000;
let h: BusHarness;
let bus: SimpulBus;
const runner = () => bus.runners.get('ministry-police')!;
const riauKey = () => h.keys.keyRing.keyFor('/polri/polda/riau')!;

const effects = async (eventId: string): Promise<number> =>
  (await h.dataSource.query(`SELECT count(*)::int AS n FROM hung_effects WHERE event_id = $1`, [eventId]))[0]
    .n;

/** Sessions of this database (other than the asking one) sleeping or holding a transaction open. */
const stuckSessions = async (): Promise<number> =>
  (
    await h.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND (query LIKE '%pg_sleep(600)%' AND state = 'active' OR state LIKE 'idle in transaction%')`,
    )
  )[0].n;

/** The DataSource's node-postgres pool. */
const pool = () =>
  (
    h.dataSource.driver as unknown as {
      master: { totalCount: number; idleCount: number; waitingCount: number };
    }
  ).master;

beforeAll(async () => {
  h = await createBusHarness({ prefix: 'bus_hung', migrations: [HungEffects1764300000001] });
  bus = await h.startBus({
    handlers: collectHandlers(new Handlers()),
    consumers: { 'ministry-police': { handlerTimeoutMs: HANDLER_TIMEOUT_MS, retryDelaysMs: [50] } },
    relay: false,
  });
});

afterAll(async () => {
  await h?.close();
});

describe('a handler stuck in the database', () => {
  it('is abandoned (rolled back, connection returned) and redelivered, and later messages flow', async () => {
    const stuck = arrestEvent();
    const later = Array.from({ length: 3 }, () => arrestEvent());
    hangOnce.add(stuck.id);
    await publishSignedEvent(h.probe.js, stuck, riauKey());
    await waitFor(() => attempts.get(stuck.id) === 1, { description: 'the stuck attempt started' });
    for (const e of later) await publishSignedEvent(h.probe.js, e, riauKey());

    for (const e of later) {
      await waitFor(async () => (await effects(e.id)) === 1, { description: `later event ${e.id} applied` });
    }
    await waitFor(async () => (await effects(stuck.id)) === 1, {
      description: 'stuck event applied on redelivery',
    });
    expect(attempts.get(stuck.id)).toBe(2);
    expect(runner().stats.handlerTimeouts).toBe(1);
    // Nothing left sleeping or half-open, and every pooled connection is free again.
    await waitFor(async () => (await stuckSessions()) === 0, { description: 'no stuck session' });
    await waitFor(() => pool().idleCount === pool().totalCount && pool().waitingCount === 0, {
      description: 'every pooled connection idle',
    });
    expect(await effects(stuck.id)).toBe(1);
  });
});

describe('database sessions', () => {
  it('run under statement, lock and idle-transaction timeouts', async () => {
    const [row] = await h.dataSource.query(
      `SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock,
              current_setting('idle_in_transaction_session_timeout') AS idle`,
    );
    expect(row).toEqual({ statement: '1min', lock: '10s', idle: '1min' });
  });
});

describe('boundedTransaction', () => {
  it('terminates a transaction whose work hangs outside the database, rolling it back', async () => {
    const marker = arrestEvent().id;
    let release: () => void = () => undefined;
    const hanging = new Promise<void>((resolve) => (release = resolve));
    await expect(
      boundedTransaction(h.dataSource, { timeoutMs: 300, graceMs: 300 }, async (manager) => {
        await manager.query(`INSERT INTO hung_effects (event_id) VALUES ($1)`, [marker]);
        await hanging; // not in a query: a cancel cannot reach it
        await manager.query(`SELECT 1`);
      }),
    ).rejects.toMatchObject({ code: 'BUS.HANDLER_TIMEOUT' });
    await waitFor(async () => (await stuckSessions()) === 0, { description: 'session ended' });
    expect(await effects(marker)).toBe(0);
    release(); // the late work fails on its dead session; nothing commits
    await waitFor(() => pool().idleCount === pool().totalCount && pool().waitingCount === 0, {
      description: 'pool settled',
    });
    expect(await effects(marker)).toBe(0);
  });

  it('does not cancel a later transaction that reuses the connection of one that committed at the deadline', async () => {
    const LOCK = 764_300_001;
    // One connection: the transaction after the bounded one necessarily runs on its session.
    const single = await createTestDataSource((h.dataSource.options as { url: string }).url, { poolSize: 1 });
    const holder = h.dataSource.createQueryRunner();
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock($1)`, [LOCK]);
    try {
      let firstPid: number | undefined;
      let commit: () => void = () => undefined;
      const committing = new Promise<void>((resolve) => (commit = resolve));
      let later: Promise<unknown> | undefined;
      const sessionState = async (): Promise<{ state: string; wait: string | null } | undefined> =>
        (
          await h.dataSource.query(
            `SELECT state, wait_event_type AS wait FROM pg_stat_activity WHERE pid = $1`,
            [firstPid],
          )
        )[0];
      // The deadline fires while the work still runs; its signal is held back until that work has
      // committed and a second transaction waits, on the same session, for a lock.
      const lateSignals = {
        transaction: single.transaction.bind(single),
        query: async (sql: string, params: unknown[]) => {
          if (later === undefined) {
            commit();
            await waitFor(async () => (await sessionState())?.state === 'idle', {
              description: 'first committed',
            });
            later = single
              .transaction((m) => m.query(`SELECT pg_advisory_xact_lock($1)`, [LOCK]))
              .then(
                () => 'completed',
                (error: unknown) => error,
              );
            await waitFor(async () => (await sessionState())?.wait === 'Lock', {
              description: 'second transaction waiting on the same session',
            });
          }
          return h.dataSource.query(sql, params);
        },
      } as unknown as DataSource;

      const value = await boundedTransaction(lateSignals, { timeoutMs: 1000 }, async (manager) => {
        firstPid = (await manager.query(`SELECT pg_backend_pid() AS pid`))[0].pid;
        await committing;
        return 'committed';
      });
      expect(value).toBe('committed');
      expect(later).toBeDefined();
      await holder.query(`SELECT pg_advisory_unlock($1)`, [LOCK]);
      expect(await later).toBe('completed');
    } finally {
      await holder.release();
      await single.destroy();
    }
  });

  it('returns what a transaction within its time commits', async () => {
    const marker = arrestEvent().id;
    const value = await boundedTransaction(h.dataSource, { timeoutMs: 5000 }, async (manager) => {
      await manager.query(`INSERT INTO hung_effects (event_id) VALUES ($1)`, [marker]);
      return 'committed';
    });
    expect(value).toBe('committed');
    expect(await effects(marker)).toBe(1);
  });
});
