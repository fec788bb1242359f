// `npm run bench:bus`: the bus against a raw baseline, in one run, on this machine (issue 3).
//
//   raw     JetStream publish (pipelined) → durable pull consume → one batched INSERT … ON
//           CONFLICT DO NOTHING per batch → ack after commit. No framework, no signature, no checks.
//           (raw-baseline.ts, shared with e2e.bench.ts.)
//   simpul  outbox append in a transaction → relay (claim, sign Ed25519, publish pipelined, delete)
//           → consumer runner (verify signature, parse + validate with @simpul/contracts, authorize,
//           inbox row + effect in one transaction, ack after commit).
//
// Both move the same events (police.arrest.recorded.v1 with 3 suspects), write the same effect row
// and use the same batch size. Measured: throughput at full speed (events/s, first publish or
// append to last commit), and publish-to-commit latency paced at 1,000 events/s (p50/p99).
// Simpul runs twice: on a plain server, and on a secured one as the launcher runs it (TLS from a
// local CA, nkey users with the permissions generated from deploy/agencies.yaml: the producer
// connects as polda:riau, the consumer as ministry:service, the admin provisions). Signatures are
// on in both. Starts its own nats-servers and database and removes them. Prints a table, then one
// JSON line.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import {
  appendManyToOutbox,
  appendToOutbox,
  BusConnection,
  FileKeyRegistry,
  OnBusEvents,
  SimpulBus,
  collectHandlers,
  findUp,
  silentLogger,
  type BatchContext,
} from '@simpul/bus';
import { ensureDevKeys } from '@simpul/bus/dev';
import { applyRegistry, inboxPrefixOf, loadRegistry, provisionAsAdmin, unitCredsFile } from '@simpul/trust';
import {
  createTestDataSource,
  createTestDatabase,
  createTestKeys,
  startNatsServer,
  type TestDatabase,
  type TestNatsServer,
} from '@simpul/bus/testing';
import {
  clock,
  CommitLog,
  effectInsert,
  effectTablesMigration,
  paced as pacedAt,
  RawSide,
  throughput as throughputIn,
  type Arrest,
  type Latencies,
} from './raw-baseline.js';

export { clock };

const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const THROUGHPUT_EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const PACED_RATE = 1000; // events per second
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 5);
const WARMUP_EVENTS = 2000;

const BenchEffects1764400000000 = effectTablesMigration(['raw_effects', 'simpul_effects']);

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
  /** Set on the secured server: TLS CA and each side's credentials. */
  secured?: { caFile: string; producerCreds: string; consumerCreds: string };
}

/** How a side connects: plain, or over TLS as its registry unit. */
function connectionOptions(env: Env, side: 'producer' | 'consumer') {
  if (!env.secured) return { servers: env.natsUrl };
  const unit = side === 'producer' ? 'polda:riau' : 'ministry:service';
  return {
    servers: env.natsUrl,
    caFile: env.secured.caFile,
    credsFile: side === 'producer' ? env.secured.producerCreds : env.secured.consumerCreds,
    inboxPrefix: inboxPrefixOf(unit),
  };
}

/** A consuming service (the ministry): consumer runner with the effect handler, no relay. */
async function startConsumerService(
  env: Env,
  onCommit: (ids: string[], at: number) => void,
): Promise<() => Promise<void>> {
  const dataSource = await createTestDataSource(env.dbUrl, { poolSize: 4 });
  installCommitClock(dataSource, onCommit);
  const connection = await BusConnection.connect({
    ...connectionOptions(env, 'consumer'),
    name: 'bench-consumer',
    logger: silentLogger,
  });
  const bus = new SimpulBus({
    connection,
    dataSource,
    keys: FileKeyRegistry.load(env.registryFile),
    relay: false,
    // On the secured server only the admin may create streams and consumers.
    provision: !env.secured,
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
  keys: Pick<Awaited<ReturnType<typeof createTestKeys>>, 'registry' | 'keyRing'>,
): Promise<SimpulFigures> {
  const commits = new CommitLog();
  const dataSource = await createTestDataSource(env.dbUrl, { poolSize: 8 });
  const stopConsumer =
    topology === 'two-process'
      ? await spawnConsumerService(env, commits)
      : await startConsumerService(env, (ids, at) => commits.record(ids, at));
  const connection = await BusConnection.connect({
    ...connectionOptions(env, 'producer'),
    name: 'bench-producer',
    logger: silentLogger,
  });
  const producer = new SimpulBus({
    connection,
    dataSource,
    keys: keys.registry,
    signer: keys.keyRing,
    provision: env.secured ? false : 'streams',
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

function throughput(
  label: string,
  n: number,
  publish: (evs: Arrest[]) => Promise<void>,
  commits: CommitLog,
): Promise<number> {
  return throughputIn(label, n, BATCH, publish, commits);
}

function paced(
  label: string,
  publishOne: (e: Arrest) => Promise<unknown>,
  commits: CommitLog,
): Promise<Latencies> {
  return pacedAt(label, publishOne, commits, { rate: PACED_RATE, seconds: PACED_SECONDS });
}

/**
 * A nats-server as the launcher runs it: TLS and the authorization generated from
 * deploy/agencies.yaml, in a state directory of its own; streams and consumers provisioned by the admin.
 */
async function startSecuredServer(): Promise<{
  server: TestNatsServer;
  env: Omit<Env, 'dbUrl'>;
  stateDir: string;
}> {
  const stateDir = mkdtempSync(join(tmpdir(), 'simpul-bench-trust-'));
  const registry = loadRegistry(findUp(process.cwd(), join('deploy', 'agencies.yaml'))!);
  const trust = await applyRegistry(registry, stateDir, { consumer: { ackWaitMs: 30_000 } });
  const config = join(stateDir, 'nats', 'bench.conf');
  writeFileSync(
    config,
    `tls { cert_file: ${JSON.stringify(trust.tls.certFile)}, key_file: ${JSON.stringify(trust.tls.keyFile)} }\n` +
      'include "authorization.conf"\n',
  );
  const server = await startNatsServer({ jetstream: true, args: ['-c', config] });
  const url = `tls://127.0.0.1:${server.port}`;
  await provisionAsAdmin({ url, ca: trust.tls.caFile }, trust);
  return {
    server,
    stateDir,
    env: {
      natsUrl: url,
      registryFile: join(trust.paths.keysDir, 'registry.json'),
      secured: {
        caFile: trust.tls.caFile,
        producerCreds: unitCredsFile(stateDir, 'polda:riau'),
        consumerCreds: unitCredsFile(stateDir, 'ministry:service'),
      },
    },
  };
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
    const raw = new RawSide(BATCH);
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

    // simpul on the secured server (TLS + nkey users with generated permissions)
    const secured = await startSecuredServer();
    cleanups.push(async () => {
      await secured.server.stop();
      rmSync(secured.stateDir, { recursive: true, force: true });
    });
    const securedKeys = await ensureDevKeys(join(secured.stateDir, 'keys'), []);
    const tls = await runSimpul('two-process', { ...secured.env, dbUrl: db.url }, securedKeys);

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
      ['with TLS + nkey permissions:', '', '', ''],
      ['  throughput (events/s)', '', tls.eps.toFixed(0), (tls.eps / rawEps).toFixed(2)],
      [`  p50 at ${PACED_RATE}/s (ms)`, '', tls.paced.p50.toFixed(1), ''],
      [`  p99 at ${PACED_RATE}/s (ms)`, '', tls.paced.p99.toFixed(1), ''],
    ];
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    console.log('');
    for (const r of rows)
      console.log(
        r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   '),
      );
    const tlsRatio = tls.eps / rawEps;
    console.log(
      `goals: ratio >= 0.5 (${ratio >= 0.5 ? 'met' : 'MISSED'}), p99 <= 25 ms at 1000/s (${simpulPaced.p99 <= 25 ? 'met' : 'MISSED'})`,
    );
    console.log(
      `with TLS + permissions: ratio >= 0.5 (${tlsRatio >= 0.5 ? 'met' : 'MISSED'}), p99 <= 25 ms at 1000/s (${tls.paced.p99 <= 25 ? 'met' : 'MISSED'})`,
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
        tls_simpul_eps: Math.round(tls.eps),
        tls_ratio: Number(tlsRatio.toFixed(3)),
        tls_p50_ms_at_1000: Number(tls.paced.p50.toFixed(2)),
        tls_p99_ms_at_1000: Number(tls.paced.p99.toFixed(2)),
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
