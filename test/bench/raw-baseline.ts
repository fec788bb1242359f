// The raw baseline of the benches (issue 3, docs/contract.md §10): JetStream publish (pipelined) → durable
// pull consume → one batched INSERT … ON CONFLICT DO NOTHING per batch → ack after commit. No
// framework, no signature, no checks. Shared by bus.bench.ts (throughput and paced latency against
// the bus) and e2e.bench.ts (publish-to-commit latency next to the whole system's).
import { performance } from 'node:perf_hooks';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { arrestEvent, createTestDataSource } from '@simpul/bus/testing';
import type { SimpulEvent } from '@simpul/contracts';

export type Arrest = SimpulEvent<'police.arrest.recorded.v1'>;

/** Milliseconds on a clock shared by the bench's processes (epoch-based, sub-millisecond). */
export const clock = (): number => performance.timeOrigin + performance.now();

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function events(n: number): Arrest[] {
  return Array.from({ length: n }, () => arrestEvent({ suspects: 3 }));
}

/** A migration creating the effect tables (one row per arrest) the benches write. */
export function effectTablesMigration(tables: string[]): new () => {
  name: string;
  up(q: QueryRunner): Promise<void>;
  down(q: QueryRunner): Promise<void>;
} {
  return class BenchEffects1764400000000 {
    name = 'BenchEffects1764400000000';
    async up(q: QueryRunner): Promise<void> {
      for (const table of tables) {
        await q.query(`CREATE TABLE ${table} (
        event_id uuid PRIMARY KEY, arrest_id uuid NOT NULL, polda text NOT NULL,
        report_number text NOT NULL, suspects int NOT NULL, occurred_at timestamptz NOT NULL)`);
      }
    }
    async down(q: QueryRunner): Promise<void> {
      for (const table of tables) await q.query(`DROP TABLE ${table}`);
    }
  };
}

/** The effect both sides write: one row per arrest, multi-row insert per batch. */
export function effectInsert(table: string, evs: Arrest[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const rows = evs.map((e) => {
    const b = params.length;
    params.push(
      e.id,
      e.data.arrestId,
      e.data.polda,
      e.data.reportNumber,
      e.data.suspects.length,
      e.data.occurredAt,
    );
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6})`;
  });
  return {
    sql: `INSERT INTO ${table} (event_id, arrest_id, polda, report_number, suspects, occurred_at) VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING`,
    params,
  };
}

/** Commit times by event id, and a way to wait until a number of events committed. */
export class CommitLog {
  readonly at = new Map<string, number>();
  private waiters: Array<{ n: number; resolve: () => void }> = [];
  record(ids: Iterable<string>, now = clock()): void {
    for (const id of ids) if (!this.at.has(id)) this.at.set(id, now);
    this.waiters = this.waiters.filter((w) => (this.at.size >= w.n ? (w.resolve(), false) : true));
  }
  until(n: number): Promise<void> {
    if (this.at.size >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }
  reset(): void {
    this.at.clear();
  }
}

/** The raw side: a stream, a durable, a pool; commits recorded in `commits`. */
export class RawSide {
  readonly commits = new CommitLog();
  private nc!: NatsConnection;
  private pool!: pg.Pool;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private space: (() => void) | undefined;

  constructor(private readonly batch: number) {}

  async start(natsUrl: string, dbUrl: string): Promise<void> {
    const BATCH = this.batch;
    this.nc = await connect({ servers: natsUrl, noAsyncTraces: true, name: 'bench-raw' });
    const jsm = await jetstreamManager(this.nc);
    await jsm.streams.add({
      name: 'RAWBENCH',
      subjects: ['rawbench.>'],
      storage: 'file' as never,
      duplicate_window: 120e9,
    });
    await jsm.consumers.add('RAWBENCH', {
      durable_name: 'raw',
      ack_policy: AckPolicy.Explicit,
      ack_wait: 30e9,
      max_ack_pending: 1000,
      filter_subject: 'rawbench.>',
    });
    this.pool = new pg.Pool({ connectionString: dbUrl, max: 4 });
    const consumer = await jetstream(this.nc).consumers.get('RAWBENCH', 'raw');
    const messages = await consumer.consume({ max_messages: BATCH * 2 });
    // Same batching as the bus runner: whatever arrived while the previous batch committed, up to BATCH.
    const buffer: JsMsg[] = [];
    let wake: (() => void) | undefined;
    let ended = false;
    const feeder = (async () => {
      for await (const m of messages) {
        buffer.push(m);
        wake?.();
        while (buffer.length >= BATCH * 2 && !this.stopped) await new Promise<void>((r) => (this.space = r));
      }
      ended = true;
      wake?.();
    })();
    const processor = (async () => {
      while (!this.stopped) {
        if (buffer.length === 0) {
          if (ended) return;
          await new Promise<void>((r) => (wake = r));
          wake = undefined;
          continue;
        }
        const taken = buffer.splice(0, BATCH);
        this.space?.();
        const evs = taken.map((t) => JSON.parse(new TextDecoder().decode(t.data)) as Arrest);
        const { sql, params } = effectInsert('raw_effects', evs);
        await this.pool.query(sql, params);
        this.commits.record(evs.map((e) => e.id));
        for (const t of taken) t.ack();
      }
    })();
    this.loop = Promise.all([feeder, processor]).then(() => undefined);
  }

  async publishBatch(evs: Arrest[]): Promise<void> {
    const js = jetstream(this.nc);
    await Promise.all(
      evs.map((e) =>
        js.publish(`rawbench.${e.data.polda}.arrest.recorded`, JSON.stringify(e), { msgID: e.id }),
      ),
    );
  }

  publishOne(e: Arrest): Promise<unknown> {
    return jetstream(this.nc).publish(`rawbench.${e.data.polda}.arrest.recorded`, JSON.stringify(e), {
      msgID: e.id,
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.space?.();
    await this.nc.drain();
    await this.loop?.catch(() => undefined);
    await this.pool.end();
  }
}

/** Events per second from the first publish to the last commit, publishing `batch` at a time. */
export async function throughput(
  label: string,
  n: number,
  batch: number,
  publish: (evs: Arrest[]) => Promise<void>,
  commits: CommitLog,
): Promise<number> {
  const evs = events(n);
  commits.reset();
  const t0 = clock();
  for (let i = 0; i < evs.length; i += batch) await publish(evs.slice(i, i + batch));
  await commits.until(n);
  const seconds = (clock() - t0) / 1000;
  process.stderr.write(`  ${label}: ${n} events in ${seconds.toFixed(2)} s\n`);
  return n / seconds;
}

export interface Latencies {
  p50: number;
  p99: number;
  max: number;
}

/** Publish-to-commit latency of events published one by one at `rate` per second for `seconds`. */
export async function paced(
  label: string,
  publishOne: (e: Arrest) => Promise<unknown>,
  commits: CommitLog,
  { rate, seconds }: { rate: number; seconds: number },
): Promise<Latencies> {
  const n = Math.round(rate * seconds);
  const evs = events(n);
  commits.reset();
  const started = new Map<string, number>();
  const inflight: Promise<unknown>[] = [];
  const t0 = clock();
  for (let i = 0; i < n; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - clock();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const e = evs[i]!;
    started.set(e.id, clock());
    inflight.push(publishOne(e));
  }
  await Promise.all(inflight);
  await commits.until(n);
  const latencies = evs.map((e) => commits.at.get(e.id)! - started.get(e.id)!).sort((a, b) => a - b);
  process.stderr.write(`  ${label}: ${n} events paced at ${rate}/s\n`);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1)! };
}

/**
 * The raw baseline's publish-to-commit latency on its own stream and table, paced at `rate` events
 * per second for `seconds` after a warm-up. Creates its table in `dbUrl`; leaves the stream behind
 * (the caller's nats-server is private and removed with its store).
 */
export async function measureRawLatency(options: {
  natsUrl: string;
  dbUrl: string;
  rate: number;
  seconds: number;
  batch?: number;
  warmupEvents?: number;
}): Promise<Latencies> {
  const batch = options.batch ?? 100;
  const dataSource = await createTestDataSource(options.dbUrl, {
    migrations: [effectTablesMigration(['raw_effects'])],
    poolSize: 1,
  });
  await dataSource.destroy();
  const raw = new RawSide(batch);
  await raw.start(options.natsUrl, options.dbUrl);
  try {
    await throughput(
      'raw warm-up',
      options.warmupEvents ?? 2000,
      batch,
      (e) => raw.publishBatch(e),
      raw.commits,
    );
    return await paced('raw', (e) => raw.publishOne(e), raw.commits, options);
  } finally {
    await raw.stop();
  }
}
