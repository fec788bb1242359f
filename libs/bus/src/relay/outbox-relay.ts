import type { PubAck } from '@nats-io/jetstream';
import type { DataSource, QueryRunner } from 'typeorm';
import { backoffDelay } from '../connection/backoff.js';
import type { BusConnection } from '../connection/bus-connection.js';
import { BusError, BusErrorCode, describeError } from '../errors.js';
import { consoleLogger, type BusLogger } from '../logger.js';
import { onOutboxCommit } from '../outbox/commit-hook.js';
import { LEDGER_RETENTION_MS, pruneLedger } from '../reconcile/ledger-retention.js';
import { PeriodicTask } from '../retention/periodic-task.js';
import type { EventSigner } from '../signing/key-ring.js';
import { inboxPruneTask, type InboxPrunerOptions } from './inbox-pruner.js';
import { outboxMetrics } from './outbox-metrics.js';
import { publishStoredEvent, type PublishableRow } from './publish-row.js';

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
  /**
   * Failed publishes of one row before it is set aside as `failed` (default 12: with the default
   * backoff about an hour and a half of retrying). `simpul outbox retry` brings it back.
   */
  maxAttempts?: number;
  /** Backoff of a failed row: first delay and cap, in milliseconds. Default 1000 and 300000. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Inbox retention run alongside the relay (every service that consumes also relays), or false. */
  inboxPruning?: false | Omit<InboxPrunerOptions, 'dataSource' | 'logger'>;
  /**
   * How long acknowledged events stay in the ledger (`bus_ledger`) for the reconciler, in
   * milliseconds (BUS_LEDGER_RETENTION_HOURS; default 24 h), and how often older rows are deleted
   * (default hourly), or false to leave the ledger to another process's retention.
   */
  ledgerRetention?: false | { retentionMs?: number; intervalMs?: number; batchSize?: number };
  logger?: BusLogger;
}

interface ClaimedRow extends PublishableRow {
  id: string;
  event_type: string;
  attempts: number;
}

export interface RelayRoundResult {
  claimed: number;
  published: number;
  failed: number;
  /** Rows of `failed` that reached the attempt limit in this round and were set aside. */
  setAside: number;
}

/**
 * Publishes what the outbox holds. Rows are claimed by a lease (one short UPDATE … FOR UPDATE SKIP
 * LOCKED, so several relays share the work), due rows first (`next_attempt_at`, then id), published
 * as one pipelined burst with `Nats-Msg-Id` = event id, then moved to the ledger (`bus_ledger`,
 * with the acknowledgement's stream and sequence, for the reconciler) once JetStream acknowledged
 * them. A row that fails gets its own backoff (its `next_attempt_at` moves out, doubling per
 * attempt), so rows that can never publish (a subject no stream takes, a revoked permission) do
 * not come back every round ahead of newer rows; after `maxAttempts` it is set aside as `failed`
 * with its last error, logged and counted (`simpul_outbox_failed_rows`), until an operator runs
 * `simpul outbox retry|drop`. There is no high-water mark, since identity sequences commit out of
 * order. A crash between publish and move publishes again later; JetStream's duplicate window
 * and the consumers' inbox make that harmless. No order is promised (a retried row overtakes newer
 * ones).
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly publishTimeoutMs: number;
  private readonly maxAttempts: number;
  private readonly retryInitialMs: number;
  private readonly retryMaxMs: number;
  private readonly logger: BusLogger;
  private readonly pruners: PeriodicTask[] = [];
  private running = false;
  private loop: Promise<void> | undefined;
  private woken = false;
  private wake: (() => void) | undefined;
  private unsubscribe: Array<() => void> = [];
  private consecutiveFailures = 0;
  private session: QueryRunner | undefined;
  private readonly counters = { published: 0, failed: 0, setAside: 0 };
  private lastError: string | undefined;
  private gaugeDueAt = 0;
  private orphanCheckDueAt = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 256;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 5000;
    this.maxAttempts = options.maxAttempts ?? 12;
    this.retryInitialMs = options.retryInitialMs ?? 1000;
    this.retryMaxMs = options.retryMaxMs ?? 300_000;
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1) {
      throw new BusError(BusErrorCode.CONFIG_INVALID, 'relay maxAttempts must be a positive integer');
    }
    this.logger = options.logger ?? consoleLogger('bus:relay');
    if (options.inboxPruning !== false) {
      this.pruners.push(
        inboxPruneTask({
          ...(options.inboxPruning ?? {}),
          dataSource: options.dataSource,
          logger: this.logger,
        }),
      );
    }
    if (options.ledgerRetention !== false) {
      const {
        retentionMs = LEDGER_RETENTION_MS,
        intervalMs = 3_600_000,
        batchSize,
      } = options.ledgerRetention ?? {};
      this.pruners.push(
        new PeriodicTask({
          what: 'ledger prune',
          intervalMs,
          logger: this.logger,
          run: async () => {
            const deleted = await pruneLedger(options.dataSource, { retentionMs, batchSize });
            if (deleted > 0) this.logger.log(`ledger: pruned ${deleted} rows past retention`);
          },
        }),
      );
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = [
      onOutboxCommit(this.options.dataSource, () => this.notify()),
      this.options.connection.onReconnect(() => this.notify()),
    ];
    this.loop = this.run();
    for (const p of this.pruners) p.start();
  }

  /** Stops after the round in flight (its rows are published and moved to the ledger, or released). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const u of this.unsubscribe) u();
    this.notify();
    await Promise.all([this.loop, ...this.pruners.map((p) => p.stop())]);
    await this.session?.release().catch(() => undefined);
    this.session = undefined;
  }

  /** Wakes the relay now (a commit appended events). */
  notify(): void {
    this.woken = true;
    this.wake?.();
  }

  /** Publishes, failed attempts and rows set aside since start, and the last error code. */
  stats(): { published: number; failed: number; setAside: number; lastError?: string } {
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
        await this.refreshFailedGauge();
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
      // A full batch means more is probably waiting: go again at once. Failed rows do not stop
      // this: their next attempt is in the future, so the next round claims other rows.
      if (result.claimed === this.batchSize) continue;
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
    await this.releaseOrphanedLeases();
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    // The lease is a next attempt time like any other: a crashed relay's rows come back when it ends,
    // or as soon as a relay sees that its database session is gone (releaseOrphanedLeases).
    const [rows] = (await this.query(
      `UPDATE bus_outbox o
          SET next_attempt_at = now() + $2::int * interval '1 millisecond',
              claimed_until = now() + $2::int * interval '1 millisecond',
              claimed_by = pg_backend_pid(),
              claimed_by_since = (SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()),
              attempts = o.attempts + 1
         FROM (SELECT id FROM bus_outbox
                WHERE status = 'pending' AND next_attempt_at <= now()
                ORDER BY next_attempt_at, id
                LIMIT $1
                FOR UPDATE SKIP LOCKED) c
        WHERE o.id = c.id
        RETURNING o.id, o.event_id, o.event_type, o.source, o.subject, o.body, o.headers, o.attempts`,
      [this.batchSize, this.leaseMs],
    )) as [ClaimedRow[], number];
    if (rows.length === 0) return { claimed: 0, published: 0, failed: 0, setAside: 0 };
    const js = this.options.connection.js;
    const outcomes = await Promise.allSettled(rows.map((row) => this.publish(js, row)));
    const done: { id: string; ack: PubAck }[] = [];
    const failed: { id: string; delayMs: number; error: string }[] = [];
    outcomes.forEach((outcome, i) => {
      const row = rows[i]!;
      if (outcome.status === 'fulfilled') {
        done.push({ id: row.id, ack: outcome.value });
      } else {
        const d = describeError(outcome.reason);
        // Every failure backs off per row: whether the row itself is at fault (no stream takes
        // its subject, no key for its source) or NATS had a hiccup cannot be told apart reliably,
        // and either way the other rows go first. A NATS outage stops the relay before it claims.
        failed.push({
          id: row.id,
          delayMs: backoffDelay(row.attempts - 1, { initialMs: this.retryInitialMs, maxMs: this.retryMaxMs }),
          error: oneLine(`${d.code}: ${d.message}`),
        });
      }
    });
    if (done.length > 0) await this.moveToLedger(done);
    let setAside = 0;
    if (failed.length > 0) {
      setAside = await this.settleFailures(failed);
      this.lastError = failed[0]!.error;
      this.logger.warn(
        `relay: ${failed.length} of ${rows.length} events not published (${failed[0]!.error}); will retry`,
      );
    }
    this.counters.published += done.length;
    this.counters.failed += failed.length;
    this.counters.setAside += setAside;
    outboxMetrics().published.inc(done.length);
    outboxMetrics().failedAttempts.inc(failed.length);
    return { claimed: rows.length, published: done.length, failed: failed.length, setAside };
  }

  /**
   * Moves acknowledged rows from the outbox to the ledger with the stream and sequence of their
   * acknowledgement, in one statement (docs/contract.md §11). The stream is the acknowledgement's,
   * never assumed from the subject: a producer may publish into a per-site stream. A row already
   * in the ledger (published again after its move was lost) takes the newer acknowledgement.
   */
  private async moveToLedger(done: { id: string; ack: PubAck }[]): Promise<void> {
    await this.query(
      `WITH acked AS (
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[]) AS a(id, stream, seq)
       ), moved AS (
         DELETE FROM bus_outbox o USING acked a WHERE o.id = a.id
         RETURNING o.id, o.event_id, o.event_type, o.source, o.subject, o.body, o.headers, o.created_at,
                   a.stream, a.seq
       )
       INSERT INTO bus_ledger (id, event_id, event_type, source, subject, body, headers, created_at, stream, stream_seq)
       SELECT id, event_id, event_type, source, subject, body, headers, created_at, stream, seq FROM moved
       ON CONFLICT (id) DO UPDATE
         SET stream = EXCLUDED.stream, stream_seq = EXCLUDED.stream_seq, acked_at = now(), verified_at = NULL`,
      [done.map((d) => d.id), done.map((d) => d.ack.stream), done.map((d) => d.ack.seq)],
    );
  }

  /**
   * Gives back, at once, the leases of relays whose database session is gone (the process died, or
   * lost its connection): their rows would otherwise wait for the lease to end. At most every
   * ORPHAN_CHECK_MS; the partial index holds only rows under a lease. A relay that lost its
   * connection but is still publishing may publish a released row a second time: JetStream's
   * duplicate window and the consumers' inboxes absorb that, as after any crash.
   */
  private async releaseOrphanedLeases(): Promise<void> {
    if (Date.now() < this.orphanCheckDueAt) return;
    this.orphanCheckDueAt = Date.now() + ORPHAN_CHECK_MS;
    const [, released] = (await this.query(
      `UPDATE bus_outbox o
          SET next_attempt_at = now(), claimed_until = NULL
        WHERE o.claimed_until > now() AND o.status = 'pending' AND o.claimed_by IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                           WHERE a.pid = o.claimed_by AND a.backend_start = o.claimed_by_since)`,
      [],
    )) as [unknown, number];
    if (released > 0)
      this.logger.log(`relay: took back ${released} rows claimed by a relay whose session ended`);
  }

  /**
   * Backs failed rows off, and sets those at the attempt limit aside as `failed` (one statement).
   * Each row set aside is logged with ids only (row, event, type: its error names codes and
   * subjects, never the body) and counted; the gauge of failed rows is refreshed.
   */
  private async settleFailures(failed: { id: string; delayMs: number; error: string }[]): Promise<number> {
    const [rows] = (await this.query(
      `UPDATE bus_outbox o
          SET next_attempt_at = now() + u.delay_ms * interval '1 millisecond',
              claimed_until = NULL,
              last_error = u.error,
              status = CASE WHEN o.attempts >= $4 THEN 'failed' ELSE 'pending' END,
              failed_at = CASE WHEN o.attempts >= $4 THEN now() END
         FROM unnest($1::bigint[], $2::int[], $3::text[]) AS u(id, delay_ms, error)
        WHERE o.id = u.id
        RETURNING o.id, o.event_id, o.event_type, o.attempts, o.status, o.last_error`,
      [failed.map((f) => f.id), failed.map((f) => f.delayMs), failed.map((f) => f.error), this.maxAttempts],
    )) as [
      {
        id: string;
        event_id: string;
        event_type: string;
        attempts: number;
        status: string;
        last_error: string;
      }[],
      number,
    ];
    const setAside = rows.filter((r) => r.status === 'failed');
    for (const r of setAside) {
      this.logger.error(
        `relay: outbox row ${r.id} (event ${r.event_id}, ${r.event_type}) set aside as failed after ${r.attempts} attempts (${r.last_error}); see simpul outbox list`,
      );
    }
    if (setAside.length > 0) {
      outboxMetrics().setAside.inc(setAside.length);
      this.gaugeDueAt = 0;
    }
    return setAside.length;
  }

  /**
   * Counts failed rows for the gauge once a minute, or at once after rows were set aside (an
   * operator's retry or drop runs in another process, so the count is re-read, not tracked).
   */
  private async refreshFailedGauge(): Promise<void> {
    if (Date.now() < this.gaugeDueAt) return;
    const [count] = (await this.query(
      `SELECT count(*)::int AS n FROM bus_outbox WHERE status = 'failed'`,
      [],
    )) as [{ n: number }];
    outboxMetrics().failedRows.set(count!.n);
    this.gaugeDueAt = Date.now() + 60_000;
  }

  /**
   * The relay's statements run on a session of its own with `synchronous_commit = off`: losing a
   * claim or a move to the ledger in a database crash only means the row is published again (JetStream's
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

  private publish(js: BusConnection['js'], row: ClaimedRow): Promise<PubAck> {
    return publishStoredEvent(js, this.options.signer, row, this.publishTimeoutMs);
  }
}

/** How often a relay looks for leases held by sessions that are gone, in milliseconds. */
const ORPHAN_CHECK_MS = 2000;

/** Stored errors are one short line (they are shown in `simpul outbox list`). */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').slice(0, 500);
}
