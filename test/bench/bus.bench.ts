// `npm run bench:bus`: the bus against a raw baseline, in one run, on this machine (issue 3).
//
//   raw     JetStream publish (pipelined) → durable pull consume → one batched INSERT … ON
//           CONFLICT DO NOTHING per batch → ack after commit. No framework, no signature, no checks.
//   simpul  outbox append in a transaction → relay (claim, sign Ed25519, publish pipelined, delete)
//           → consumer runner (verify signature, parse + validate with @simpul/contracts, authorize,
//           inbox row + effect in one transaction, ack after commit).
//
// Both move the same events (police.arrest.recorded.v1 with 3 suspects), write the same effect row
// and use the same batch size. Measured: throughput at full speed (events/s, first publish or
// append to last commit), and publish-to-commit latency paced at 1,000 events/s (p50/p99).
// Starts its own nats-server and database and removes them. Prints a table, then one JSON line.
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import pg from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import {
  appendManyToOutbox,
  appendToOutbox,
  BusConnection,
  FileKeyRegistry,
  OnBusEvents,
  SimpulBus,
  collectHandlers,
  silentLogger,
  type BatchContext,
} from '@simpul/bus';
import {
  arrestEvent,
  createTestDataSource,
  createTestDatabase,
  createTestKeys,
  startNatsServer,
  type TestDatabase,
  type TestNatsServer,
} from '@simpul/bus/testing';
import type { SimpulEvent } from '@simpul/contracts';

type Arrest = SimpulEvent<'police.arrest.recorded.v1'>;

const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const THROUGHPUT_EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const PACED_RATE = 1000; // events per second
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 5);
const WARMUP_EVENTS = 2000;

class BenchEffects1764400000000 {
  name = 'BenchEffects1764400000000';
  async up(q: QueryRunner): Promise<void> {
    for (const table of ['raw_effects', 'simpul_effects']) {
      await q.query(`CREATE TABLE ${table} (
        event_id uuid PRIMARY KEY, arrest_id uuid NOT NULL, polda text NOT NULL,
        report_number text NOT NULL, suspects int NOT NULL, occurred_at timestamptz NOT NULL)`);
    }
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE raw_effects; DROP TABLE simpul_effects`);
  }
}

/** The effect both sides write: one row per arrest, multi-row insert per batch. */
function effectInsert(table: string, events: Arrest[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const rows = events.map((e) => {
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

/** Milliseconds on a clock shared by the bench's processes (epoch-based, sub-millisecond). */
export const clock = (): number => performance.timeOrigin + performance.now();

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function events(n: number): Arrest[] {
  return Array.from({ length: n }, () => arrestEvent({ suspects: 3 }));
}

/** Commit times by event id, and a way to wait until a number of events committed. */
class CommitLog {
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

// ---------------------------------------------------------------------------------------- raw

class RawSide {
  readonly commits = new CommitLog();
  private nc!: NatsConnection;
  private pool!: pg.Pool;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private space: (() => void) | undefined;

  async start(natsUrl: string, dbUrl: string): Promise<void> {
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

// ------------------------------------------------------------------------------------- simpul

const pendingByTransaction = new WeakMap<QueryRunner, string[]>();

class ApplyArrests {
  @OnBusEvents('police.arrest.recorded.v1', { consumer: 'ministry-police' })
  async apply(evs: Arrest[], { manager }: BatchContext): Promise<void> {
    const { sql, params } = effectInsert('simpul_effects', evs);
    await manager.query(sql, params);
    noteForCommit(manager, evs);
  }
}

function noteForCommit(manager: EntityManager, evs: Arrest[]): void {
  const qr = manager.queryRunner!;
  const list = pendingByTransaction.get(qr) ?? [];
  list.push(...evs.map((e) => e.id));
  pendingByTransaction.set(qr, list);
}

/** Reports the ids a handler wrote once their transaction has committed. */
function installCommitClock(dataSource: DataSource, onCommit: (ids: string[], at: number) => void): void {
  dataSource.subscribers.push({
    afterTransactionCommit(event: { queryRunner: QueryRunner }) {
      const ids = pendingByTransaction.get(event.queryRunner);
      if (!ids || event.queryRunner.isTransactionActive) return;
      pendingByTransaction.delete(event.queryRunner);
      onCommit(ids, clock());
    },
    afterTransactionRollback(event: { queryRunner: QueryRunner }) {
      pendingByTransaction.delete(event.queryRunner);
    },
  });
}

interface Env {
  natsUrl: string;
  dbUrl: string;
  registryFile: string;
}

/** A consuming service (the ministry): consumer runner with the effect handler, no relay. */
async function startConsumerService(
  env: Env,
  onCommit: (ids: string[], at: number) => void,
): Promise<() => Promise<void>> {
  const dataSource = await createTestDataSource(env.dbUrl, { poolSize: 4 });
  installCommitClock(dataSource, onCommit);
  const connection = await BusConnection.connect({
    servers: env.natsUrl,
    name: 'bench-consumer',
    logger: silentLogger,
  });
  const bus = new SimpulBus({
    connection,
    dataSource,
    keys: FileKeyRegistry.load(env.registryFile),
    relay: false,
    handlers: collectHandlers(new ApplyArrests()),
    consumers: {
      'ministry-police': { batchSize: BATCH, concurrency: Number(process.env.BENCH_CONCURRENCY ?? 2) },
    },
    verifierThreads: Number(process.env.BENCH_VERIFIERS ?? 1),
    logger: silentLogger,
  });
  await bus.start();
  return async () => {
    await bus.stop();
    await connection.drain();
    await dataSource.destroy();
  };
}

/** The consumer service in a child process (this file, BUS_BENCH_ROLE=consumer): commits reported over IPC. */
async function consumerRole(): Promise<void> {
  const env = JSON.parse(process.env.BUS_BENCH_ENV!) as Env;
  const stop = await startConsumerService(env, (ids, at) => process.send!({ ids, at }));
  process.send!({ ready: true });
  process.on('message', (m: { stop?: boolean }) => {
    if (m.stop) void stop().then(() => process.exit(0));
  });
}

function spawnConsumerService(env: Env, commits: CommitLog): Promise<() => Promise<void>> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, BUS_BENCH_ROLE: 'consumer', BUS_BENCH_ENV: JSON.stringify(env) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench consumer exited (${code})`)));
    child.on('message', (m: { ready?: boolean; ids?: string[]; at?: number }) => {
      if (m.ready) {
        resolve(async () => {
          child.removeAllListeners('exit');
          const exited = new Promise((r) => child.once('exit', r));
          child.send({ stop: true });
          await exited;
        });
      } else if (m.ids) commits.record(m.ids, m.at);
    });
  });
}

interface SimpulFigures {
  eps: number;
  perEventEps: number;
  paced: { p50: number; p99: number; max: number };
}

/**
 * The bus end to end. `two-process`: the producing service (outbox + relay) and the consuming
 * service (runner) are separate processes, as police and ministry are deployed; `one-process`:
 * both in this process, competing for one event loop.
 */
async function runSimpul(
  topology: 'one-process' | 'two-process',
  env: Env,
  keys: Awaited<ReturnType<typeof createTestKeys>>,
): Promise<SimpulFigures> {
  const commits = new CommitLog();
  const dataSource = await createTestDataSource(env.dbUrl, { poolSize: 8 });
  const stopConsumer =
    topology === 'two-process'
      ? await spawnConsumerService(env, commits)
      : await startConsumerService(env, (ids, at) => commits.record(ids, at));
  const connection = await BusConnection.connect({
    servers: env.natsUrl,
    name: 'bench-producer',
    logger: silentLogger,
  });
  const producer = new SimpulBus({
    connection,
    dataSource,
    keys: keys.registry,
    signer: keys.keyRing,
    relay: { batchSize: BATCH },
    logger: silentLogger,
  });
  await producer.start();
  try {
    const appendBatch = (evs: Arrest[]): Promise<void> =>
      dataSource.transaction((manager) => appendManyToOutbox(manager, evs));
    await throughput(`simpul ${topology} warm-up`, WARMUP_EVENTS, appendBatch, commits);
    const eps = await throughput(`simpul ${topology}`, THROUGHPUT_EVENTS, appendBatch, commits);
    // One transaction per event, as a request handler does: the same work with commits not batched.
    const perEventEps = await throughput(
      `simpul ${topology}, one transaction per event (8 concurrent)`,
      Math.min(THROUGHPUT_EVENTS, 10_000),
      async (evs) => {
        for (let i = 0; i < evs.length; i += 8) {
          await Promise.all(
            evs.slice(i, i + 8).map((e) => dataSource.transaction((m) => appendToOutbox(m, e))),
          );
        }
      },
      commits,
    );
    const pacedFigures = await paced(
      `simpul ${topology}`,
      (e) => dataSource.transaction((m) => appendToOutbox(m, e)),
      commits,
    );
    await dataSource.query(`TRUNCATE simpul_effects, bus_inbox`);
    return { eps, perEventEps, paced: pacedFigures };
  } finally {
    await producer.stop();
    await connection.drain();
    await stopConsumer();
    await dataSource.destroy();
  }
}

// -------------------------------------------------------------------------------------- runs

async function throughput(
  label: string,
  n: number,
  publish: (evs: Arrest[]) => Promise<void>,
  commits: CommitLog,
): Promise<number> {
  const evs = events(n);
  commits.reset();
  const t0 = clock();
  for (let i = 0; i < evs.length; i += BATCH) await publish(evs.slice(i, i + BATCH));
  await commits.until(n);
  const seconds = (clock() - t0) / 1000;
  process.stderr.write(`  ${label}: ${n} events in ${seconds.toFixed(2)} s\n`);
  return n / seconds;
}

async function paced(
  label: string,
  publishOne: (e: Arrest) => Promise<unknown>,
  commits: CommitLog,
): Promise<{ p50: number; p99: number; max: number }> {
  const n = PACED_RATE * PACED_SECONDS;
  const evs = events(n);
  commits.reset();
  const started = new Map<string, number>();
  const inflight: Promise<unknown>[] = [];
  const t0 = clock();
  for (let i = 0; i < n; i++) {
    const due = t0 + (i * 1000) / PACED_RATE;
    const wait = due - clock();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const e = evs[i]!;
    started.set(e.id, clock());
    inflight.push(publishOne(e));
  }
  await Promise.all(inflight);
  await commits.until(n);
  const latencies = evs.map((e) => commits.at.get(e.id)! - started.get(e.id)!).sort((a, b) => a - b);
  process.stderr.write(`  ${label}: ${n} events paced at ${PACED_RATE}/s\n`);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1)! };
}

async function main(): Promise<void> {
  let nats: TestNatsServer | undefined;
  let db: TestDatabase | undefined;
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    nats = await startNatsServer({ jetstream: true });
    db = await createTestDatabase('bench_bus');
    const dataSource = await createTestDataSource(db.url, {
      migrations: [BenchEffects1764400000000],
      poolSize: 2,
    });
    cleanups.push(() => dataSource.destroy());
    process.stderr.write(
      `bench:bus  batch ${BATCH}, ${THROUGHPUT_EVENTS} events at full speed, ${PACED_SECONDS} s at ${PACED_RATE}/s\n`,
    );

    // raw
    const raw = new RawSide();
    await raw.start(nats.url, db.url);
    cleanups.unshift(() => raw.stop());
    await throughput('raw warm-up', WARMUP_EVENTS, (evs) => raw.publishBatch(evs), raw.commits);
    const rawEps = await throughput('raw', THROUGHPUT_EVENTS, (evs) => raw.publishBatch(evs), raw.commits);
    const rawPaced = await paced('raw', (e) => raw.publishOne(e), raw.commits);
    await raw.stop();
    cleanups.shift();

    // simpul
    const keys = await createTestKeys([{ unit: 'polda:riau', source: '/polri/polda/riau' }]);
    const env: Env = { natsUrl: nats.url, dbUrl: db.url, registryFile: keys.registryFile };
    const two = await runSimpul('two-process', env, keys);
    const one = await runSimpul('one-process', env, keys);
    const simpulEps = two.eps;
    const perEventEps = two.perEventEps;
    const simpulPaced = two.paced;

    const ratio = simpulEps / rawEps;
    const rows = [
      ['', 'raw', 'simpul', 'simpul/raw'],
      ['throughput (events/s)', rawEps.toFixed(0), simpulEps.toFixed(0), ratio.toFixed(2)],
      ['  one tx per event', '', perEventEps.toFixed(0), (perEventEps / rawEps).toFixed(2)],
      ['  all in one process', '', one.eps.toFixed(0), (one.eps / rawEps).toFixed(2)],
      [`p50 at ${PACED_RATE}/s (ms)`, rawPaced.p50.toFixed(1), simpulPaced.p50.toFixed(1), ''],
      [`p99 at ${PACED_RATE}/s (ms)`, rawPaced.p99.toFixed(1), simpulPaced.p99.toFixed(1), ''],
      [`max at ${PACED_RATE}/s (ms)`, rawPaced.max.toFixed(1), simpulPaced.max.toFixed(1), ''],
      [`p99 at ${PACED_RATE}/s, one process (ms)`, '', one.paced.p99.toFixed(1), ''],
    ];
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    console.log('');
    for (const r of rows)
      console.log(
        r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   '),
      );
    console.log(
      `goals: ratio >= 0.5 (${ratio >= 0.5 ? 'met' : 'MISSED'}), p99 <= 25 ms at 1000/s (${simpulPaced.p99 <= 25 ? 'met' : 'MISSED'})`,
    );
    console.log(
      JSON.stringify({
        bench: 'bus',
        events: THROUGHPUT_EVENTS,
        batch_size: BATCH,
        suspects_per_event: 3,
        raw_eps: Math.round(rawEps),
        simpul_eps: Math.round(simpulEps),
        ratio: Number(ratio.toFixed(3)),
        simpul_topology: 'two-process (producer+relay | consumer)',
        simpul_eps_tx_per_event: Math.round(perEventEps),
        simpul_eps_one_process: Math.round(one.eps),
        p99_ms_at_1000_one_process: Number(one.paced.p99.toFixed(2)),
        raw_p50_ms_at_1000: Number(rawPaced.p50.toFixed(2)),
        raw_p99_ms_at_1000: Number(rawPaced.p99.toFixed(2)),
        p50_ms_at_1000: Number(simpulPaced.p50.toFixed(2)),
        p99_ms_at_1000: Number(simpulPaced.p99.toFixed(2)),
      }),
    );
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    await db?.drop().catch(() => undefined);
    await nats?.stop().catch(() => undefined);
  }
}

if (process.env.BUS_BENCH_ROLE === 'consumer') {
  await consumerRole();
} else {
  await main();
  process.exit(0);
}
