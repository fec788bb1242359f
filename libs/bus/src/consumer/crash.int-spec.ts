// A consumer process killed with SIGKILL in the middle of a batch, then restarted: every event's
// effect exists exactly once (uncommitted work is redone, committed-but-unacked work is skipped).
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import type { QueryRunner } from 'typeorm';
import { appendManyToOutbox } from '../outbox/append.js';
import { arrestEvent } from '../testing/fixtures.js';
import { createBusHarness, type BusHarness } from '../testing/harness.js';
import { spawnTs } from '../testing/spawn-ts.js';
import { waitFor } from '../testing/wait-for.js';
import type { ConsumerRunnerStats } from './consumer-runner.js';

jest.setTimeout(90_000);

class Effects1764300000002 {
  name = 'Effects1764300000002';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE crash_effects (event_id uuid NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE crash_effects`);
  }
}

let h: BusHarness;
const children: ChildProcess[] = [];

interface Child {
  process: ChildProcess;
  ready: Promise<void>;
  /** The child's database session settings, as PostgreSQL reports them. */
  session: () => Record<string, string> | undefined;
  stats: () => ConsumerRunnerStats | undefined;
  exited: Promise<unknown>;
}

function startChild(): Child {
  let stats: ConsumerRunnerStats | undefined;
  let session: Record<string, string> | undefined;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const output: string[] = [];
  const child = spawnTs('libs/bus/src/testing/child-consumer.ts', [], {
    env: {
      NATS_URL: h.nats.url,
      DATABASE_URL: h.db.url,
      KEY_REGISTRY: h.keys.registryFile,
      EFFECT_TABLE: 'crash_effects',
      HANDLER_DELAY_MS: '10',
      BATCH_SIZE: '20',
      ACK_WAIT_MS: '1500',
    },
    onOutput: (line) => {
      if (line === 'ready') markReady();
      else if (line.startsWith('stats ')) stats = JSON.parse(line.slice(6)) as ConsumerRunnerStats;
      else if (line.startsWith('session ')) session = JSON.parse(line.slice(8)) as Record<string, string>;
      else output.push(line);
    },
  });
  children.push(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  void exited.then(() => markReady());
  return { process: child, ready, stats: () => stats, session: () => session, exited };
}

beforeAll(async () => {
  h = await createBusHarness({ prefix: 'bus_crash', migrations: [Effects1764300000002] });
  // The producing side (relay) lives in the test process; provisioning creates the durable.
  await h.startBus({ topology: { consumer: { ackWaitMs: 1500, maxAttempts: 10 } } });
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await h?.close();
});

it('applies every event exactly once across a SIGKILL mid-batch and a restart', async () => {
  const total = 400;
  const events = Array.from({ length: total }, () => arrestEvent());
  const applied = async (): Promise<number> =>
    (await h.dataSource.query(`SELECT count(*)::int AS n FROM crash_effects`))[0].n as number;

  const first = startChild();
  await first.ready;
  expect(first.process.exitCode).toBeNull();
  // The child runs under the services' database session limits (pgPoolExtra defaults).
  expect(first.session()).toEqual({
    statement_timeout: '1min',
    lock_timeout: '10s',
    idle_in_transaction_session_timeout: '1min',
  });
  for (let i = 0; i < total; i += 50) {
    await h.dataSource.transaction((manager) => appendManyToOutbox(manager, events.slice(i, i + 50)));
  }
  // Kill while it is busy: batches of 20 take ~200 ms, so a kill lands inside one.
  await waitFor(async () => (await applied()) >= 100, { timeoutMs: 30_000, description: '100 effects' });
  first.process.kill('SIGKILL');
  await first.exited;
  const atKill = await applied();
  expect(atKill).toBeLessThan(total);

  const second = startChild();
  await second.ready;
  await waitFor(async () => (await applied()) >= total, {
    timeoutMs: 45_000,
    description: `${total} effects`,
  });
  // Everything the killed process had received but not acknowledged comes back to the new one.
  await waitFor(() => {
    const s = second.stats();
    return s !== undefined && s.applied + s.duplicates >= total - atKill;
  });

  const rows: Array<{ event_id: string; n: number }> = await h.dataSource.query(
    `SELECT event_id, count(*)::int AS n FROM crash_effects GROUP BY event_id`,
  );
  expect(rows).toHaveLength(total);
  expect(rows.filter((r) => r.n !== 1)).toEqual([]);
  const inbox = (
    await h.dataSource.query(`SELECT count(*)::int AS n FROM bus_inbox WHERE consumer = 'ministry-police'`)
  )[0].n;
  expect(inbox).toBe(total);

  second.process.kill('SIGTERM');
  await second.exited;
  expect(second.process.exitCode).toBe(0);
});
