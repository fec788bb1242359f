/** Test support of @simpul/bus, shared with the services' integration and end-to-end tests. */
export { startNatsServer } from './nats-server.js';
export type { TestNatsServer, StartNatsServerOptions } from './nats-server.js';
export { createTestDatabase, adminDatabaseUrl } from './database.js';
export type { TestDatabase } from './database.js';
export { createTestDataSource } from './data-source.js';
export { createTestKeys } from './keys.js';
export type { TestKeys } from './keys.js';
export { waitFor } from './wait-for.js';
export type { WaitForOptions } from './wait-for.js';
export { freePort } from './ports.js';
export { spawnTs, tsRegisterPath } from './spawn-ts.js';
export { publishSignedEvent } from './events.js';
export type { PublishSignedOptions } from './events.js';
export { createBusHarness } from './harness.js';
export type { BusHarness } from './harness.js';
export { arrestEvent, watchlistIssuedEvent } from './fixtures.js';
export { startTestInfra } from './infra.js';
export type { TestInfra, TestInfraOptions } from './infra.js';
