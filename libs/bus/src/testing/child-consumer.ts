// A consumer service in a child process, for tests that kill it (SIGKILL) mid-batch:
//   node --import libs/bus/src/testing/register-ts.mjs libs/bus/src/testing/child-consumer.ts
// Env: NATS_URL, DATABASE_URL, KEY_REGISTRY (file), EFFECT_TABLE (event_id uuid column),
// HANDLER_DELAY_MS (per event, to make batches slow), BATCH_SIZE, ACK_WAIT_MS, MAX_ATTEMPTS.
// Prints `session <json>` (its database session limits), `ready` once consuming and
// `stats <json>` every 100 ms.
import { DataSource } from 'typeorm';
import { SimpulBus } from '../bus.js';
import { pgPoolExtra } from '../config/database-session.js';
import { BusConnection } from '../connection/bus-connection.js';
import type { EventContext, HandlerRegistration } from '../consumer/handler.js';
import { silentLogger } from '../logger.js';
import { FileKeyRegistry } from '../signing/registry.js';

const env = process.env;
const table = env.EFFECT_TABLE ?? 'test_effects';
if (!/^[a-z_]+$/.test(table)) throw new Error('EFFECT_TABLE must be a plain identifier');
const delayMs = Number(env.HANDLER_DELAY_MS ?? 0);

const dataSource = new DataSource({
  type: 'postgres',
  url: env.DATABASE_URL,
  synchronize: false,
  logging: false,
  // The services' session limits, so a killed child's work runs under what production runs under.
  extra: pgPoolExtra(),
});
await dataSource.initialize();
const [session] = (await dataSource.query(
  `SELECT current_setting('statement_timeout') AS statement_timeout,
          current_setting('lock_timeout') AS lock_timeout,
          current_setting('idle_in_transaction_session_timeout') AS idle_in_transaction_session_timeout`,
)) as Array<Record<string, string>>;
console.log(`session ${JSON.stringify(session)}`);
const connection = await BusConnection.connect({
  servers: env.NATS_URL!,
  name: `child-${process.pid}`,
  logger: silentLogger,
});

const handler: HandlerRegistration = {
  kind: 'single',
  consumer: 'ministry-police',
  type: 'police.arrest.recorded.v1',
  name: 'child.onArrest',
  batchable: true,
  poison: [],
  fn: async (event, context) => {
    const { manager } = context as EventContext;
    await manager.query(`INSERT INTO ${table} (event_id) VALUES ($1)`, [event.id]);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  },
};

const bus = new SimpulBus({
  connection,
  dataSource,
  keys: FileKeyRegistry.load(env.KEY_REGISTRY!),
  relay: false,
  handlers: [handler],
  consumers: { 'ministry-police': { batchSize: Number(env.BATCH_SIZE ?? 20) } },
  topology: {
    consumer: { ackWaitMs: Number(env.ACK_WAIT_MS ?? 2000), maxAttempts: Number(env.MAX_ATTEMPTS ?? 10) },
  },
  logger: silentLogger,
});
await bus.start();
console.log('ready');
const runner = bus.runners.get('ministry-police')!;
setInterval(() => console.log(`stats ${JSON.stringify(runner.stats)}`), 100);

process.on('SIGTERM', () => {
  void bus
    .stop()
    .then(() => connection.drain())
    .then(() => dataSource.destroy())
    .then(() => process.exit(0));
});
