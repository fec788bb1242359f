import pg from 'pg';
import { DEFAULT_DATABASE_SESSION_LIMITS } from '@simpul/bus';

/** The channel the replica table's trigger notifies on commit of a change (see its migration). */
export const REPLICA_CHANGE_CHANNEL = 'watchlist_replica_changed';

/**
 * Wakes the index as soon as any instance commits a change of `watchlist_replica`: a LISTEN on a
 * connection of its own (a listening connection cannot go back to the pool). A notification is only
 * a hint: one sent while the connection is down is lost, so the caller also polls, and `onChange`
 * is called after every (re)connect to catch up at once.
 */
export class ReplicaChangeListener {
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly onChange: () => void,
    private readonly retryMs = 1000,
  ) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    if (client) await quietEnd(client);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    // keepAlive from the first 10 s (the pools' setting): a half-open connection would otherwise wait
    // for notifications for the OS default of about two hours (the poll still covers that gap).
    const client = new pg.Client({
      connectionString: this.url,
      keepAlive: true,
      keepAliveInitialDelayMillis: DEFAULT_DATABASE_SESSION_LIMITS.keepAliveInitialDelayMs,
    });
    this.client = client;
    client.on('notification', () => this.onChange());
    client.on('error', () => this.reconnectLater(client));
    client.on('end', () => this.reconnectLater(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${REPLICA_CHANGE_CHANNEL}`);
      if (this.client === client) this.onChange();
    } catch {
      this.reconnectLater(client);
    }
  }

  private reconnectLater(client: pg.Client): void {
    if (this.client !== client) return; // stopped, or already being replaced
    this.client = undefined;
    void quietEnd(client);
    if (this.stopped) return;
    this.retry = setTimeout(() => void this.connect(), this.retryMs);
    this.retry.unref();
  }
}

async function quietEnd(client: pg.Client): Promise<void> {
  client.removeAllListeners();
  client.on('error', () => undefined);
  await client.end().catch(() => undefined);
}
