import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, ModuleRef } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SimpulBus, type SimpulBusOptions } from '../bus.js';
import { resolveNatsEndpoint } from '../config/nats-config.js';
import { BusConnection } from '../connection/bus-connection.js';
import { collectHandlers } from '../consumer/collect-handlers.js';
import type { HandlerRegistration } from '../consumer/handler.js';
import type { BusEvent } from '../contracts.js';
import { BusError, BusErrorCode } from '../errors.js';
import type { BusHealthReport } from '../health/bus-health.js';
import { appendManyToOutbox, appendToOutbox, type AppendOptions } from '../outbox/append.js';
import { devKeysAllowed, loadConfiguredKeys } from '../signing/configured-keys.js';
import { ensureDevKeys, type DevUnit } from '../signing/dev-keys.js';
import type { EventSigner } from '../signing/key-ring.js';
import type { KeyRegistry } from '../signing/registry.js';

export interface BusModuleOptions extends Omit<
  SimpulBusOptions,
  'connection' | 'dataSource' | 'handlers' | 'keys' | 'signer'
> {
  /** The service's name (`police`, `ministry`, `immigration`): NATS client name `simpul-<service>`. */
  service: string;
  /** Where NATS is; default `.simpul/nats.json`, else nats://127.0.0.1:4222. Pass the app config's NATS_URL. */
  nats?: {
    servers?: string | string[];
    caFile?: string;
    credsFile?: string;
    inboxPrefix?: string;
    apiTimeoutMs?: number;
  };
  /** Name of the TypeORM DataSource holding the bus tables (default: the default DataSource). */
  dataSourceName?: string;
  /**
   * Trust and signing material: a registry (+ signer for publishing services), or a key directory
   * (`registry.json` + `private/`) holding a key for each of `units`. Missing keys are generated
   * only in a development run (`generate`, default: `SIMPUL_DEV_KEYS=1`, set by the launcher and
   * the test harnesses); otherwise the start fails naming what is missing.
   */
  keys:
    | { registry: KeyRegistry; signer?: EventSigner }
    | { devDirectory: string; units?: DevUnit[]; generate?: boolean };
  /**
   * For a key directory: how long a running verifier may go on trusting a key removed from its
   * `registry.json`, in milliseconds (BUS_KEY_REGISTRY_MAX_AGE_MS; default 10 000). A registry
   * passed in is the caller's to configure.
   */
  keyRegistryMaxAgeMs?: number;
}

export interface BusModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => BusModuleOptions | Promise<BusModuleOptions>;
}

export const BUS_MODULE_OPTIONS = Symbol('BUS_MODULE_OPTIONS');
const BUS_KEYS = Symbol('BUS_KEYS');

interface ResolvedKeys {
  registry: KeyRegistry;
  signer?: EventSigner;
}

/** Appends events to the outbox inside the caller's transaction (see `appendToOutbox`). */
@Injectable()
export class OutboxService {
  append(manager: EntityManager, event: BusEvent, options?: AppendOptions): Promise<void> {
    return appendToOutbox(manager, event, options);
  }

  appendMany(manager: EntityManager, events: readonly BusEvent[], options?: AppendOptions): Promise<void> {
    return appendManyToOutbox(manager, events, options);
  }
}

/** Starts and stops the bus with the Nest application; finds `@OnBusEvent` handlers. */
@Injectable()
export class BusRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private bus: SimpulBus | undefined;
  private started: Promise<void> | undefined;

  constructor(
    @Inject(BUS_MODULE_OPTIONS) private readonly options: BusModuleOptions,
    @Inject(BUS_KEYS) private readonly keys: ResolvedKeys,
    @Inject(BusConnection) private readonly connection: BusConnection,
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    const dataSource = this.moduleRef.get<DataSource>(
      getDataSourceToken(this.options.dataSourceName) as string,
      {
        strict: false,
      },
    );
    const handlers: HandlerRegistration[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.instance || typeof wrapper.instance !== 'object' || !wrapper.isDependencyTreeStatic())
        continue;
      handlers.push(...collectHandlers(wrapper.instance as object));
    }
    const {
      service: _s,
      nats: _n,
      dataSourceName: _d,
      keys: _k,
      keyRegistryMaxAgeMs: _m,
      ...busOptions
    } = this.options;
    this.bus = new SimpulBus({
      ...busOptions,
      connection: this.connection,
      dataSource,
      keys: this.keys.registry,
      signer: this.keys.signer,
      handlers,
    });
    this.started = this.bus.start();
    // SimpulBus logs a start-up failure (a provisioning conflict) and /health then reports down.
    this.started.catch(() => undefined);
  }

  /** Resolves once streams are provisioned and consumers run (tests; a service need not wait). */
  ready(): Promise<void> {
    if (!this.started)
      throw new BusError(BusErrorCode.NOT_CONNECTED, 'the bus starts on application bootstrap');
    return this.started;
  }

  get instance(): SimpulBus {
    if (!this.bus) throw new BusError(BusErrorCode.NOT_CONNECTED, 'the bus starts on application bootstrap');
    return this.bus;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.bus?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.drain();
  }
}

/** What `/health` calls: `registry.register(busHealth)` with `@simpul/http`'s HealthRegistry. */
@Injectable()
export class BusHealthService {
  readonly name = 'nats';

  constructor(@Inject(BusRuntime) private readonly runtime: BusRuntime) {}

  check(): Promise<BusHealthReport> {
    return this.runtime.instance.health();
  }
}

function connectionFactory(options: BusModuleOptions): BusConnection {
  const endpoint = options.nats?.servers ? undefined : resolveNatsEndpoint({});
  return BusConnection.start({
    servers: options.nats?.servers ?? endpoint!.url,
    caFile: options.nats?.caFile ?? endpoint?.ca,
    credsFile: options.nats?.credsFile,
    inboxPrefix: options.nats?.inboxPrefix,
    apiTimeoutMs: options.nats?.apiTimeoutMs,
    name: `simpul-${options.service}`,
    logger: options.logger,
  });
}

/** The registry and signer of `options.keys` (exported for tests). */
export async function resolveBusKeys(
  options: Pick<BusModuleOptions, 'keys' | 'keyRegistryMaxAgeMs'>,
): Promise<ResolvedKeys> {
  if ('registry' in options.keys) return options.keys;
  const { devDirectory, units = [] } = options.keys;
  const registryOptions = { maxAgeMs: options.keyRegistryMaxAgeMs };
  const { registry, keyRing } =
    (options.keys.generate ?? devKeysAllowed())
      ? await ensureDevKeys(devDirectory, units, registryOptions)
      : loadConfiguredKeys(devDirectory, units, registryOptions);
  return { registry, signer: keyRing };
}

/**
 * The bus for a Nest service: one NATS connection, provisioning, the outbox relay with its
 * periodic reconciler (docs/contract.md §11; `BUS_RECONCILE_INTERVAL_MS` via `busClientOptions`) and
 * a consumer runner per durable its `@OnBusEvent` handlers name. Global: `OutboxService`, `BusHealthService`,
 * `BusConnection` and `BusRuntime` are injectable anywhere. Needs `TypeOrmModule.forRoot` with
 * `BUS_MIGRATIONS` among the migrations, and `app.enableShutdownHooks()` for a clean drain.
 */
@Module({})
export class BusModule {
  static forRoot(options: BusModuleOptions): DynamicModule {
    return BusModule.build([{ provide: BUS_MODULE_OPTIONS, useValue: options }], []);
  }

  static forRootAsync(options: BusModuleAsyncOptions): DynamicModule {
    return BusModule.build(
      [{ provide: BUS_MODULE_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory }],
      options.imports ?? [],
    );
  }

  private static build(
    optionProviders: DynamicModule['providers'] & unknown[],
    imports: ModuleMetadata['imports'] & unknown[],
  ): DynamicModule {
    return {
      module: BusModule,
      global: true,
      imports: [DiscoveryModule, ...imports],
      providers: [
        ...optionProviders,
        { provide: BusConnection, inject: [BUS_MODULE_OPTIONS], useFactory: connectionFactory },
        { provide: BUS_KEYS, inject: [BUS_MODULE_OPTIONS], useFactory: resolveBusKeys },
        OutboxService,
        BusRuntime,
        BusHealthService,
      ],
      exports: [BusConnection, OutboxService, BusRuntime, BusHealthService, BUS_MODULE_OPTIONS],
    };
  }
}
