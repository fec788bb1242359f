import pg from 'pg';
import { DEFAULT_DATABASE_SESSION_LIMITS } from '../config/database-session.js';

/**
 * Wakes a follower of a table as soon as any instance commits a change to it: a LISTEN on `channel`
 * (notified by the table's trigger, delivered at commit) on a connection of its own (a listening
 * connection cannot go back to the pool). A notification is only a hint: one sent while the
 * connection is down is lost, so the caller also polls, and `onChange` is called after every
 * (re)connect to catch up at once. Used by immigration's watchlist index and the ministry's alert
 * stream.
 */
export class DatabaseChangeListener {
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onChange: () => void,
    private readonly retryMs = 1000,
  ) {
    // Interpolated into LISTEN (a channel cannot be a bind parameter): an identifier only.
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid LISTEN channel ${channel}`);
  }

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
      await client.query(`LISTEN ${this.channel}`);
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
