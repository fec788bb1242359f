import type { DataSource, DataSourceOptions } from 'typeorm';
import { SimpulBus, type SimpulBusOptions } from '../bus.js';
import { BusConnection } from '../connection/bus-connection.js';
import { silentLogger, type BusLogger } from '../logger.js';
import type { DevUnit } from '../signing/dev-keys.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { createTestDataSource } from './data-source.js';
import { createTestKeys, type TestKeys } from './keys.js';
import { startNatsServer, type TestNatsServer } from './nats-server.js';

export interface BusHarness {
  nats: TestNatsServer;
  db: TestDatabase;
  dataSource: DataSource;
  keys: TestKeys;
  /** A second connection for the test's own publishing and inspection. */
  probe: BusConnection;
  /** Starts a bus instance on its own connection (call several times for several instances). */
  startBus(options?: Partial<Omit<SimpulBusOptions, 'connection' | 'dataSource'>>): Promise<SimpulBus>;
  /** Stops every bus started, closes connections, drops the database, stops the server. */
  close(): Promise<void>;
}

const DEFAULT_UNITS: DevUnit[] = [
  { unit: 'polda:riau', source: '/polri/polda/riau' },
  { unit: 'polda:kepri', source: '/polri/polda/kepri' },
  { unit: 'checkpoint:batam-center', source: '/imigrasi/tpi/batam-center' },
  { unit: 'ministry:service', source: '/kp2mi/ministry' },
];

/**
 * Everything an integration test of the bus needs, private to one test file: a nats-server with
 * JetStream, a fresh database with the bus tables (plus `migrations` for effect tables), dev keys
 * for `units`, and a factory for bus instances with short retry delays.
 */
export async function createBusHarness(
  options: {
    prefix?: string;
    units?: DevUnit[];
    migrations?: NonNullable<DataSourceOptions['migrations']>;
    logger?: BusLogger;
  } = {},
): Promise<BusHarness> {
  const nats = await startNatsServer({ jetstream: true });
  const db = await createTestDatabase(options.prefix ?? 'bus');
  const dataSource = await createTestDataSource(db.url, { migrations: options.migrations });
  const keys = await createTestKeys(options.units ?? DEFAULT_UNITS);
  const probe = await BusConnection.connect({ servers: nats.url, name: 'test-probe', logger: silentLogger });
  const buses: Array<{ bus: SimpulBus; connection: BusConnection }> = [];
  return {
    nats,
    db,
    dataSource,
    keys,
    probe,
    async startBus(busOptions = {}) {
      const connection = BusConnection.start({
        servers: nats.url,
        name: `test-bus-${buses.length}`,
        reconnectInitialMs: 50,
        reconnectMaxMs: 500,
        logger: options.logger ?? silentLogger,
      });
      const bus = new SimpulBus({
        keys: keys.registry,
        signer: keys.keyRing,
        logger: options.logger ?? silentLogger,
        ...busOptions,
        relay: busOptions.relay === false ? false : { pollIntervalMs: 200, ...(busOptions.relay ?? {}) },
        topology: {
          ...busOptions.topology,
          consumer: { ackWaitMs: 5000, maxAttempts: 4, ...busOptions.topology?.consumer },
        },
        connection,
        dataSource,
      });
      buses.push({ bus, connection });
      await bus.start();
      return bus;
    },
    async close() {
      for (const { bus, connection } of buses.reverse()) {
        await bus.stop().catch(() => undefined);
        await connection.drain().catch(() => undefined);
      }
      await probe.drain().catch(() => undefined);
      await dataSource.destroy().catch(() => undefined);
      await db.drop();
      await nats.stop();
    },
  };
}
