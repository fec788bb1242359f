/**
 * @simpul/bus: the JetStream transport of Simpul (docs/contract.md §2-§4, §9). What a service
 * uses: connection, topology, transactional outbox and relay, signed events, consumer runner with
 * inbox, retries and dead-lettering, health, migrations, and the Nest module that wires them.
 * Operator functions (dead-letter listing and replay, tail, provisioning, outbox set-aside rows)
 * are in `@simpul/bus/operator`; generating dev keys is in `@simpul/bus/dev`.
 */
export { BusError, BusErrorCode, PoisonMessageError, RetryLaterError, describeError } from './errors.js';
export type { SafeErrorDescription } from './errors.js';
export { BusHeader, DeadLetterHeader } from './headers.js';
export type { BusLogger } from './logger.js';
export { consoleLogger, silentLogger } from './logger.js';
export type { BusEvent, ContractParseResult } from './contracts.js';

// connection and config
export { BusConnection, authenticatorFor } from './connection/bus-connection.js';
export type { BusConnectionOptions } from './connection/bus-connection.js';
export { backoffDelay } from './connection/backoff.js';
export { deleteOlderInBatches, type OlderRows } from './retention/delete-older-in-batches.js';
export { parseServerVersion, serverAtLeast } from './connection/server-version.js';
export { resolveNatsEndpoint, DEFAULT_NATS_URL, findUp } from './config/nats-config.js';
export type { NatsEndpoint } from './config/nats-config.js';
export { BusClientConfig, busClientOptions, databaseSessionLimits } from './config/bus-client-config.js';
export {
  pgPoolExtra,
  serviceDataSourceOptions,
  DEFAULT_DATABASE_SESSION_LIMITS,
  type ServiceDatabase,
} from './config/database-session.js';
export type { DatabaseSessionLimits } from './config/database-session.js';
export { DatabaseChangeListener } from './notify/database-change-listener.js';

// provisioning
export {
  simpulStreams,
  simpulConsumers,
  policeLeadsDurable,
  policeMatchesDurable,
  streamForSubject,
  subjectMatches,
  MAX_MSG_SIZE,
} from './provisioning/topology.js';
export type {
  StreamDefinition,
  StreamOriginDefinition,
  ConsumerDefinition,
  TopologyOptions,
} from './provisioning/topology.js';

// outbox and relay
export {
  BUS_MIGRATIONS,
  BusOutbox1764201600000,
  BusInbox1764201600001,
  BusOutboxDeadLetterPath1797250000000,
  BusLedger1797400000000,
  BusAttempt1797500000000,
  BusOutboxClaimer1797500000001,
} from './outbox/migrations.js';
export { INBOX_RETENTION_MS } from './outbox/inbox-retention.js';
export { appendToOutbox, appendManyToOutbox } from './outbox/append.js';
export type { AppendOptions } from './outbox/append.js';
export { onOutboxCommit } from './outbox/commit-hook.js';
export {
  afterCommit,
  beforeCommit,
  queueBeforeCommit,
  installCommitHooks,
} from './transaction/commit-hooks.js';
export { OutboxRelay } from './relay/outbox-relay.js';
export type { OutboxRelayOptions, RelayRoundResult } from './relay/outbox-relay.js';

// producer ledger and reconciler (docs/contract.md §11)
export { Reconciler, formatReconcileReport } from './reconcile/reconciler.js';
export type { ReconcilerOptions, ReconcileRunOptions, ReconcileReport } from './reconcile/reconciler.js';
export { LEDGER_RETENTION_MS, pruneLedger } from './reconcile/ledger-retention.js';
export { dataSourceSession, type LedgerSession } from './reconcile/ledger-session.js';

// inbox helpers
export { versionedUpsert } from './inbox/versioned-upsert.js';
export type { VersionedUpsert, VersionedUpsertResult } from './inbox/versioned-upsert.js';

// signing
export { canonicalJson, canonicalBytes } from './signing/canonical.js';
export {
  generateSigningKey,
  deriveKeyId,
  signBytes,
  verifyBytes,
  publicKeyToBase64url,
  publicKeyFromBase64url,
  privateKeyToPem,
  privateKeyFromPem,
} from './signing/keys.js';
export type { SigningKey } from './signing/keys.js';
export {
  StaticKeyRegistry,
  FileKeyRegistry,
  parseKeyRegistryFile,
  DEFAULT_KEY_REGISTRY_MAX_AGE_MS,
} from './signing/registry.js';
export type {
  KeyRegistry,
  RegisteredKey,
  KeyRegistryFile,
  FileKeyRegistryOptions,
} from './signing/registry.js';
export { KeyRing } from './signing/key-ring.js';
export type { EventSigner } from './signing/key-ring.js';
// The shape of BusModuleOptions' key units; generating keys is in @simpul/bus/dev.
export type { DevUnit } from './signing/dev-keys.js';
export { verifySignature, authorizeEvent, claimedSignature, verifyCanonicalForm } from './signing/verify.js';
export type { ClaimedSignature, HeaderReader } from './signing/verify.js';
export { VerifierPool } from './signing/verifier-pool.js';
export type { VerifyJob } from './signing/verifier-pool.js';

// consumers
export { OnBusEvent, OnBusEvents } from './consumer/decorators.js';
export type { OnBusEventOptions } from './consumer/decorators.js';
export { collectHandlers } from './consumer/collect-handlers.js';
export type {
  EventContext,
  BatchContext,
  DeliveryInfo,
  EventHandlerFn,
  BatchEventHandlerFn,
  HandlerRegistration,
} from './consumer/handler.js';
export { ConsumerRunner } from './consumer/consumer-runner.js';
export type { ConsumerRunnerOptions, ConsumerRunnerStats } from './consumer/consumer-runner.js';
export { retryDelay, DEFAULT_RETRY_DELAYS_MS } from './consumer/retry.js';

// dead-letter publishing, health
export {
  publishDeadLetter,
  deadLetterSubject,
  DeadLetterTruncationHeader,
} from './dead-letters/publish-dead-letter.js';
export { busHealth, BusHealthIndicator } from './health/bus-health.js';
export type { BusHealthReport, BusHealthSources } from './health/bus-health.js';
export { childTraceparent, newTraceparent, isTraceparent } from './tracing/traceparent.js';

// composition
export { SimpulBus } from './bus.js';
export type { SimpulBusOptions, ConsumerTuning } from './bus.js';
export {
  BusModule,
  BusRuntime,
  BusHealthService,
  OutboxService,
  BUS_MODULE_OPTIONS,
} from './nest/bus.module.js';
export type { BusModuleOptions, BusModuleAsyncOptions } from './nest/bus.module.js';
