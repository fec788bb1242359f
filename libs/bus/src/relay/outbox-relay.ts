import { Buffer } from 'node:buffer';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { DataSource, QueryRunner } from 'typeorm';
import { backoffDelay } from '../connection/backoff.js';
import type { BusConnection } from '../connection/bus-connection.js';
import { BusError, BusErrorCode, describeError } from '../errors.js';
import { BusHeader } from '../headers.js';
import { consoleLogger, type BusLogger } from '../logger.js';
import { onOutboxCommit } from '../outbox/commit-hook.js';
import type { EventSigner } from '../signing/key-ring.js';
import { signBytes } from '../signing/keys.js';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  connection: BusConnection;
  signer: EventSigner;
  /** Rows claimed and published per round (one pipelined burst of publishes). Default 256. */
  batchSize?: number;
  /** Poll interval when nothing wakes the relay, in milliseconds (catches other processes' commits). Default 1000. */
  pollIntervalMs?: number;
  /** How long a claim holds a row from other relays, in milliseconds. Default 30000. */
  leaseMs?: number;
  /** Wait for a JetStream publish acknowledgement, in milliseconds. Default 5000. */
  publishTimeoutMs?: number;
  logger?: BusLogger;
}

interface ClaimedRow {
  id: string;
  event_id: string;
  event_type: string;
  source: string;
  subject: string;
  body: string;
  headers: { traceparent?: string } | null;
  attempts: number;
}

export interface RelayRoundResult {
  claimed: number;
  published: number;
  failed: number;
}

/**
 * Publishes what the outbox holds. Rows are claimed by a lease (one short UPDATE … FOR UPDATE SKIP
 * LOCKED, so several relays share the work), published as one pipelined burst with `Nats-Msg-Id` =
 * event id, then deleted once JetStream acknowledged them. A row that fails is released with a
 * backoff and tried again, forever: nothing is skipped and there is no high-water mark, since
 * identity sequences commit out of order. A crash between publish and delete publishes again
 * later; JetStream's duplicate window and the consumers' inbox make that harmless. No order is
 * promised (a retried row overtakes newer ones).
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly publishTimeoutMs: number;
  private readonly logger: BusLogger;
  private running = false;
  private loop: Promise<void> | undefined;
  private woken = false;
  private wake: (() => void) | undefined;
  private unsubscribe: Array<() => void> = [];
  private consecutiveFailures = 0;
  private session: QueryRunner | undefined;
  private readonly counters = { published: 0, failed: 0 };
  private lastError: string | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 256;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 5000;
    this.logger = options.logger ?? consoleLogger('bus:relay');
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = [
      onOutboxCommit(this.options.dataSource, () => this.notify()),
      this.options.connection.onReconnect(() => this.notify()),
    ];
    this.loop = this.run();
  }

  /** Stops after the round in flight (its rows are published and deleted, or released). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const u of this.unsubscribe) u();
    this.notify();
    await this.loop;
    await this.session?.release().catch(() => undefined);
    this.session = undefined;
  }

  /** Wakes the relay now (a commit appended events). */
  notify(): void {
    this.woken = true;
    this.wake?.();
  }

  stats(): { published: number; failed: number; lastError?: string } {
    return { ...this.counters, lastError: this.lastError };
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (!this.options.connection.isConnected()) {
        await this.sleep(this.pollIntervalMs);
        continue;
      }
      let result: RelayRoundResult;
      try {
        result = await this.relayOnce();
        this.consecutiveFailures = 0;
      } catch (error) {
        // PostgreSQL unreachable or similar: back off, keep everything, try again.
        const d = describeError(error);
        this.lastError = d.code;
        const delay = backoffDelay(this.consecutiveFailures++, { initialMs: 200, maxMs: 10_000 });
        this.logger.warn(`relay round failed (${d.code}: ${d.message}); retry in ${delay} ms`);
        await this.sleep(delay);
        continue;
      }
      // A full batch means more is probably waiting: go again at once.
      if (result.claimed === this.batchSize && result.failed === 0) continue;
      await this.sleep(this.pollIntervalMs);
    }
  }

  /** Waits for a wake-up or the timeout; returns at once if a wake-up came while we were busy. */
  private async sleep(ms: number): Promise<void> {
    if (this.woken || !this.running) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
    this.wake = undefined;
    this.woken = false;
  }

  /** One round: claim, publish, settle. Exposed for tests and the CLI. */
  async relayOnce(): Promise<RelayRoundResult> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [rows] = (await this.query(
      `UPDATE bus_outbox o
          SET claimed_until = now() + $2::int * interval '1 millisecond', attempts = o.attempts + 1
         FROM (SELECT id FROM bus_outbox
                WHERE claimed_until IS NULL OR claimed_until < now()
                ORDER BY id
                LIMIT $1
                FOR UPDATE SKIP LOCKED) c
        WHERE o.id = c.id
        RETURNING o.id, o.event_id, o.event_type, o.source, o.subject, o.body, o.headers, o.attempts`,
      [this.batchSize, this.leaseMs],
    )) as [ClaimedRow[], number];
    if (rows.length === 0) return { claimed: 0, published: 0, failed: 0 };
    const js = this.options.connection.js;
    const outcomes = await Promise.allSettled(rows.map((row) => this.publish(js, row)));
    const done: string[] = [];
    const failed: { id: string; delayMs: number; error: string }[] = [];
    outcomes.forEach((outcome, i) => {
      const row = rows[i]!;
      if (outcome.status === 'fulfilled') {
        done.push(row.id);
      } else {
        const d = describeError(outcome.reason);
        // A problem of the row itself (no key for its source) backs off per row; a transport
        // problem (timeout, no stream yet) retries soon, so the backlog drains as NATS returns.
        const ownFault = outcome.reason instanceof BusError;
        failed.push({
          id: row.id,
          delayMs: ownFault ? backoffDelay(row.attempts - 1, { initialMs: 500, maxMs: 60_000 }) : 500,
          error: `${d.code}: ${d.message}`,
        });
      }
    });
    if (done.length > 0) {
      await this.query(`DELETE FROM bus_outbox WHERE id = ANY($1::bigint[])`, [done]);
    }
    if (failed.length > 0) {
      await this.query(
        `UPDATE bus_outbox o
            SET claimed_until = now() + u.delay_ms * interval '1 millisecond', last_error = u.error
           FROM unnest($1::bigint[], $2::int[], $3::text[]) AS u(id, delay_ms, error)
          WHERE o.id = u.id`,
        [failed.map((f) => f.id), failed.map((f) => f.delayMs), failed.map((f) => f.error)],
      );
      this.lastError = failed[0]!.error;
      this.logger.warn(
        `relay: ${failed.length} of ${rows.length} events not published (${failed[0]!.error}); will retry`,
      );
    }
    this.counters.published += done.length;
    this.counters.failed += failed.length;
    return { claimed: rows.length, published: done.length, failed: failed.length };
  }

  /**
   * The relay's statements run on a session of its own with `synchronous_commit = off`: losing a
   * claim or a delete in a database crash only means the row is published again (JetStream's
   * duplicate window and the consumers' inbox absorb that), so they need not wait for a WAL flush.
   * That takes two fsyncs off every event's path. The outbox INSERT, in the caller's transaction,
   * stays fully durable.
   */
  private async query(sql: string, params: unknown[]): Promise<unknown> {
    if (!this.session || this.session.isReleased) {
      const session = this.options.dataSource.createQueryRunner();
      await session.connect();
      await session.query('SET synchronous_commit = off');
      this.session = session;
    }
    try {
      return await this.session.query(sql, params);
    } catch (error) {
      // A broken connection (database restarted) is replaced on the next round.
      await this.session.release().catch(() => undefined);
      this.session = undefined;
      throw error;
    }
  }

  private async publish(js: BusConnection['js'], row: ClaimedRow): Promise<void> {
    const key = this.options.signer.keyFor(row.source);
    if (!key) {
      throw new BusError(
        BusErrorCode.SIGNER_MISSING,
        `no signing key for source ${row.source} (event ${row.event_id})`,
      );
    }
    const bytes = Buffer.from(row.body, 'utf8');
    const h = natsHeaders();
    h.set(BusHeader.SIGNATURE, signBytes(bytes, key.privateKey));
    h.set(BusHeader.KEY, key.keyId);
    if (row.headers?.traceparent) h.set(BusHeader.TRACEPARENT, row.headers.traceparent);
    await js.publish(row.subject, bytes, { msgID: row.event_id, headers: h, timeout: this.publishTimeoutMs });
  }
}
