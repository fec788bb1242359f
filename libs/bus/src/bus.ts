import type { DataSource } from 'typeorm';
import type { BusConnection } from './connection/bus-connection.js';
import { ConsumerRunner, type ConsumerRunnerOptions } from './consumer/consumer-runner.js';
import type { HandlerRegistration } from './consumer/handler.js';
import { BusError, BusErrorCode, describeError } from './errors.js';
import { busHealth, type BusHealthReport } from './health/bus-health.js';
import { consoleLogger, type BusLogger } from './logger.js';
import { provisionTopology, type ProvisionReport } from './provisioning/provision.js';
import {
  simpulConsumers,
  simpulStreams,
  type ConsumerDefinition,
  type TopologyOptions,
} from './provisioning/topology.js';
import { dataSourceSession } from './reconcile/ledger-session.js';
import { Reconciler, type ReconcilerOptions } from './reconcile/reconciler.js';
import { OutboxRelay, type OutboxRelayOptions } from './relay/outbox-relay.js';
import type { EventSigner } from './signing/key-ring.js';
import type { KeyRegistry } from './signing/registry.js';
import { VerifierPool } from './signing/verifier-pool.js';

export type ConsumerTuning = Partial<
  Pick<
    ConsumerRunnerOptions,
    'batchSize' | 'concurrency' | 'retryDelaysMs' | 'pullExpiresMs' | 'handlerTimeoutMs' | 'parse'
  >
>;

export interface SimpulBusOptions {
  connection: BusConnection;
  dataSource: DataSource;
  /** Public keys consumers verify against. */
  keys: KeyRegistry;
  /** Private keys the relay signs with (required unless `relay: false`). */
  signer?: EventSigner;
  /** Immigration site ids whose per-site consumers exist (default ['local']). */
  sites?: string[];
  topology?: TopologyOptions;
  /**
   * What to apply at start: `true` (default) = every stream + the consumers this service's handlers
   * use; `'streams'` = streams only; `false` = nothing (an operator runs `simpul streams provision`).
   */
  provision?: boolean | 'streams';
  /** Relay tuning, or false for a service that publishes nothing. */
  relay?:
    | false
    | Partial<
        Pick<
          OutboxRelayOptions,
          | 'batchSize'
          | 'pollIntervalMs'
          | 'leaseMs'
          | 'publishTimeoutMs'
          | 'maxAttempts'
          | 'retryInitialMs'
          | 'retryMaxMs'
          | 'inboxPruning'
          | 'ledgerRetention'
        >
      >;
  /**
   * How long acknowledged events stay in the ledger for the reconciler, in milliseconds
   * (BUS_LEDGER_RETENTION_HOURS; default 24 h). Also the default window of a reconcile run.
   */
  ledgerRetentionMs?: number;
  /**
   * The periodic reconciler of a relaying service (docs/contract.md §11; default every 5 minutes),
   * or false (BUS_RECONCILE_INTERVAL_MS=0). `simpul reconcile` runs one by hand.
   */
  reconcile?: false | Partial<Pick<ReconcilerOptions, 'intervalMs' | 'batchSize' | 'settledAfterMs'>>;
  /** Longest time of one consumer transaction, in milliseconds, for every durable (default 30 000). */
  handlerTimeoutMs?: number;
  /** Per-durable tuning, by durable name. */
  consumers?: Record<string, ConsumerTuning>;
  handlers?: HandlerRegistration[];
  /**
   * Worker threads verifying signatures for this service's consumers (default 1; 0 = verify on
   * the event loop). Verification is the largest CPU cost of consuming (~70 µs per event).
   */
  verifierThreads?: number;
  logger?: BusLogger;
}

/**
 * The bus of one service, without Nest: provisioning, outbox relay and its reconciler, consumer
 * runners and health around one connection. `BusModule` wires this into Nest; scripts and tests can use it directly.
 */
export class SimpulBus {
  readonly relay: OutboxRelay | undefined;
  readonly reconciler: Reconciler | undefined;
  readonly runners = new Map<string, ConsumerRunner>();
  private readonly verifier: VerifierPool | undefined;
  private readonly logger: BusLogger;
  private readonly definitions: ConsumerDefinition[];
  private startPromise: Promise<void> | undefined;
  private stopping = false;
  provisionReport: ProvisionReport | undefined;
  /** Set when start-up failed for good (a provisioning conflict): /health then reports down. */
  startError: string | undefined;

  constructor(private readonly options: SimpulBusOptions) {
    this.logger = options.logger ?? consoleLogger('bus');
    const allDefinitions = simpulConsumers(options.sites ?? ['local'], options.topology);
    const handlers = options.handlers ?? [];
    const durables = [...new Set(handlers.map((h) => h.consumer))];
    this.definitions = durables.map((durable) => {
      const def = allDefinitions.find((d) => d.durable === durable);
      if (!def) {
        throw new BusError(
          BusErrorCode.CONFIG_INVALID,
          `handler ${handlers.find((h) => h.consumer === durable)!.name} names unknown consumer '${durable}'`,
        );
      }
      return def;
    });
    if (options.relay !== false) {
      if (!options.signer)
        throw new BusError(BusErrorCode.CONFIG_INVALID, 'the outbox relay needs a signer (private keys)');
      this.relay = new OutboxRelay({
        ...(options.relay ?? {}),
        ledgerRetention: options.relay?.ledgerRetention ?? { retentionMs: options.ledgerRetentionMs },
        dataSource: options.dataSource,
        connection: options.connection,
        signer: options.signer,
        logger: this.logger,
      });
      // Every service that relays reconciles what it relayed: the ledger is its own database's.
      if (options.reconcile !== false) {
        this.reconciler = new Reconciler({
          ...(options.reconcile ?? {}),
          session: () => dataSourceSession(options.dataSource),
          connection: options.connection,
          signer: options.signer,
          retentionMs: options.ledgerRetentionMs,
          publishTimeoutMs: options.relay?.publishTimeoutMs,
          logger: this.logger,
        });
      }
    }
    const threads = options.verifierThreads ?? 1;
    if (this.definitions.length > 0 && threads > 0) this.verifier = new VerifierPool(threads);
    for (const def of this.definitions) {
      this.runners.set(
        def.durable,
        new ConsumerRunner({
          handlerTimeoutMs: options.handlerTimeoutMs,
          ...(options.consumers?.[def.durable] ?? {}),
          connection: options.connection,
          dataSource: options.dataSource,
          keys: options.keys,
          consumer: def,
          handlers: handlers.filter((h) => h.consumer === def.durable),
          verifier: this.verifier,
          logger: this.logger,
        }),
      );
    }
  }

  get connection(): BusConnection {
    return this.options.connection;
  }

  /**
   * Starts the relay at once (it waits for NATS by itself), then, once connected, provisions and
   * starts the consumers. Never rejects for NATS being down: it keeps waiting. The promise
   * resolves when consumers run (await it in tests; services need not).
   */
  start(): Promise<void> {
    this.startPromise ??= this.startOnce().catch((error: unknown) => {
      const d = describeError(error);
      this.startError = d.code;
      this.logger.error(`bus start failed: ${d.code}: ${d.message}`);
      throw error;
    });
    return this.startPromise;
  }

  private startOnce(): Promise<void> {
    return (async () => {
      this.relay?.start();
      this.reconciler?.start();
      await this.options.connection.ready();
      if (this.stopping) return;
      const provision = this.options.provision ?? true;
      if (provision) {
        for (let attempt = 0; ; attempt++) {
          try {
            this.provisionReport = await provisionTopology(
              this.options.connection.jsm,
              this.options.connection.serverVersion(),
              {
                streams: simpulStreams(this.options.topology),
                consumers: provision === 'streams' ? [] : this.definitions,
              },
            );
            break;
          } catch (error) {
            if (error instanceof BusError || this.stopping) throw error;
            const d = describeError(error);
            this.logger.warn(`provisioning failed (${d.code}: ${d.message}); retrying`);
            await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** attempt)));
          }
        }
      }
      if (this.stopping) return;
      for (const runner of this.runners.values()) runner.start();
    })();
  }

  /** Stops consumers (in-flight batches commit and ack), then the relay and reconciler. Leaves the connection open. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
    await Promise.all([this.relay?.stop(), this.reconciler?.stop()]);
    await this.verifier?.close();
  }

  async health(): Promise<BusHealthReport> {
    const report = await busHealth({
      connection: this.options.connection,
      dataSource: this.options.dataSource,
      runners: () => [...this.runners].map(([name, runner]) => ({ name, runner })),
    });
    return this.startError ? { ...report, status: 'down', startError: this.startError } : report;
  }
}
