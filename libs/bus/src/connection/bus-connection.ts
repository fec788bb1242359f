import { readFileSync } from 'node:fs';
import {
  connect,
  credsAuthenticator,
  nkeyAuthenticator,
  type Authenticator,
  type NatsConnection,
  type NodeConnectionOptions,
} from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { BusError, BusErrorCode } from '../errors.js';
import { consoleLogger, type BusLogger } from '../logger.js';
import { backoffDelay } from './backoff.js';

export interface BusConnectionOptions {
  /** Server URL(s), e.g. from `resolveNatsEndpoint()`. */
  servers: string | string[];
  /** Client name shown by the server's monitoring, e.g. `simpul-ministry`. */
  name: string;
  /** CA certificate file to trust (TLS). */
  caFile?: string;
  /**
   * NATS credentials file of this unit: a standard creds file (user JWT block then nkey seed block)
   * for a server in JWT mode, or a file holding only the user's nkey seed (`SU…`) for plain nkeys.
   */
  credsFile?: string;
  /** Inbox prefix of this unit, so its permissions need not grant `_INBOX.>` (docs/contract.md §2). */
  inboxPrefix?: string;
  /** Reconnect backoff: first delay and cap, in milliseconds. Reconnects never give up. */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  /** Timeout of a JetStream API request or publish acknowledgement, in milliseconds. */
  apiTimeoutMs?: number;
  logger?: BusLogger;
}

type Listener = () => void;

/**
 * The one NATS connection of a service. Starting it never blocks the service: the first connect is
 * retried in the background with backoff until it succeeds (the outbox holds events meanwhile),
 * and after that nats.js reconnects forever. `drain()` on shutdown lets in-flight acks and
 * publishes leave before the socket closes.
 */
export class BusConnection {
  private connection: NatsConnection | undefined;
  private jsClient: JetStreamClient | undefined;
  private jsManager: JetStreamManager | undefined;
  private connected = false;
  private stopped = false;
  /** Kind of the last failed first-connect attempt (no personal data), for the give-up message. */
  lastConnectError: string | undefined;
  private reconnectAttempt = 0;
  private readonly readyPromise: Promise<void>;
  private resolveReady!: () => void;
  private rejectReady!: (error: Error) => void;
  private readonly reconnectListeners = new Set<Listener>();
  private readonly disconnectListeners = new Set<Listener>();
  private readonly logger: BusLogger;
  private wakeFirstConnect: (() => void) | undefined;

  private constructor(private readonly options: BusConnectionOptions) {
    this.logger = options.logger ?? consoleLogger('bus');
    this.readyPromise = new Promise<void>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // Callers that never await ready() must not see an unhandled rejection on shutdown.
    this.readyPromise.catch(() => {});
  }

  /** Starts connecting in the background; await `ready()` where a connection is needed. */
  static start(options: BusConnectionOptions): BusConnection {
    const connection = new BusConnection(options);
    void connection.firstConnect();
    return connection;
  }

  /**
   * Connects and resolves once connected, retrying with backoff until then; with `giveUpAfterMs`
   * (operator commands) it stops trying and rejects with BUS.NOT_CONNECTED instead.
   */
  static async connect(options: BusConnectionOptions, giveUpAfterMs?: number): Promise<BusConnection> {
    const connection = BusConnection.start(options);
    if (giveUpAfterMs === undefined) {
      await connection.ready();
      return connection;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Reject first: draining rejects ready() too, and this message is the one to show.
        // The last attempt's error kind (a timeout, an authorization violation...) tells an operator
        // what to look at; it carries no personal data.
        const last = connection.lastConnectError ? ` (last attempt: ${connection.lastConnectError})` : '';
        reject(
          new BusError(BusErrorCode.NOT_CONNECTED, `cannot reach NATS at ${String(options.servers)}${last}`),
        );
        void connection.drain();
      }, giveUpAfterMs);
    });
    try {
      await Promise.race([connection.ready(), timeout]);
    } finally {
      clearTimeout(timer);
    }
    return connection;
  }

  /** Resolves when the first connection is established; rejects if the connection is closed first. */
  ready(): Promise<void> {
    return this.readyPromise;
  }

  get nc(): NatsConnection {
    if (!this.connection) throw new BusError(BusErrorCode.NOT_CONNECTED, 'NATS is not connected yet');
    return this.connection;
  }

  get js(): JetStreamClient {
    if (!this.jsClient) throw new BusError(BusErrorCode.NOT_CONNECTED, 'NATS is not connected yet');
    return this.jsClient;
  }

  get jsm(): JetStreamManager {
    if (!this.jsManager) throw new BusError(BusErrorCode.NOT_CONNECTED, 'NATS is not connected yet');
    return this.jsManager;
  }

  isConnected(): boolean {
    return this.connected && !!this.connection && !this.connection.isClosed();
  }

  /** Version of the server last connected to, e.g. `2.9.10`. */
  serverVersion(): string | undefined {
    return this.connection?.info?.version;
  }

  /** Called after every reconnect (not the first connect). Returns an unsubscribe function. */
  onReconnect(listener: Listener): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  onDisconnect(listener: Listener): () => void {
    this.disconnectListeners.add(listener);
    return () => this.disconnectListeners.delete(listener);
  }

  /** Stops reconnecting, drains pending publishes and subscriptions, closes. Idempotent. */
  async drain(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wakeFirstConnect?.();
    const nc = this.connection;
    if (!nc) {
      this.rejectReady(new BusError(BusErrorCode.NOT_CONNECTED, 'connection stopped before it connected'));
      return;
    }
    if (nc.isClosed()) return;
    try {
      await nc.drain();
    } catch {
      // Draining a connection that is reconnecting fails; closing is all that is left to do.
      await nc.close().catch(() => {});
    }
  }

  private async firstConnect(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        const nc = await connect(this.connectOptions());
        if (this.stopped) {
          await nc.close();
          break;
        }
        this.connection = nc;
        this.jsClient = jetstream(nc, { timeout: this.options.apiTimeoutMs ?? 5000 });
        this.jsManager = await jetstreamManager(nc, {
          timeout: this.options.apiTimeoutMs ?? 5000,
          checkAPI: false,
        });
        this.connected = true;
        this.logger.log(`connected to NATS ${nc.getServer()} (server ${nc.info?.version ?? '?'})`);
        void this.watchStatus(nc);
        this.resolveReady();
        return;
      } catch (error) {
        this.lastConnectError = describeConnectError(error);
        const delay = backoffDelay(attempt, {
          initialMs: this.options.reconnectInitialMs ?? 250,
          maxMs: this.options.reconnectMaxMs ?? 5000,
        });
        if (attempt === 0 || attempt % 20 === 0) {
          this.logger.warn(`NATS not reachable (${(error as Error).name}); retrying, next in ${delay} ms`);
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wakeFirstConnect = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
    this.rejectReady(new BusError(BusErrorCode.NOT_CONNECTED, 'connection stopped before it connected'));
  }

  private connectOptions(): NodeConnectionOptions {
    const o = this.options;
    return {
      servers: o.servers,
      name: o.name,
      // Async traces cost a stack capture per request: measured +40-75% publish throughput without.
      noAsyncTraces: true,
      reconnect: true,
      maxReconnectAttempts: -1,
      waitOnFirstConnect: false,
      reconnectDelayHandler: () =>
        backoffDelay(this.reconnectAttempt++, {
          initialMs: o.reconnectInitialMs ?? 250,
          maxMs: o.reconnectMaxMs ?? 5000,
        }),
      inboxPrefix: o.inboxPrefix,
      tls: o.caFile ? { caFile: o.caFile } : undefined,
      authenticator: o.credsFile ? authenticatorFor(o.credsFile) : undefined,
    };
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      switch (status.type) {
        case 'disconnect':
          this.connected = false;
          this.logger.warn('NATS disconnected; reconnecting');
          for (const l of this.disconnectListeners) l();
          break;
        case 'reconnect':
          this.connected = true;
          this.reconnectAttempt = 0;
          this.logger.log(`NATS reconnected to ${nc.getServer()}`);
          for (const l of this.reconnectListeners) l();
          break;
        case 'close':
          this.connected = false;
          break;
        default:
          break;
      }
    }
  }
}

/**
 * The authenticator for a credentials file (docs/contract.md §10): a JWT creds file, or a bare user nkey
 * seed. Read at every (re)connect, so rotated credentials are picked up without a restart.
 */
export function authenticatorFor(credsFile: string): Authenticator {
  const read = () => readFileSync(credsFile);
  const text = read().toString('utf8').trim();
  if (text.includes('BEGIN NATS USER JWT')) return credsAuthenticator(read);
  if (!/^SU[A-Z2-7]{56}$/.test(text)) {
    throw new BusError(
      BusErrorCode.CONFIG_INVALID,
      `${credsFile} holds neither NATS credentials nor a user nkey seed`,
    );
  }
  return nkeyAuthenticator(() => new TextEncoder().encode(read().toString('utf8').trim()));
}

/** The kind of a failed connect attempt, e.g. `NatsError AUTHORIZATION_VIOLATION`: name and code only. */
function describeConnectError(error: unknown): string {
  if (!(error instanceof Error)) return 'error';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} ${code}` : error.name;
}
