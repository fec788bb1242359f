import { JetStreamApiCodes, JetStreamApiError, type PubAck, type StoredMsg } from '@nats-io/jetstream';
import type { BusConnection } from '../connection/bus-connection.js';
import { describeError } from '../errors.js';
import { consoleLogger, type BusLogger } from '../logger.js';
import { outboxMetrics } from '../relay/outbox-metrics.js';
import { isMsgIdOf, publishStoredEvent, republishMsgId, type PublishableRow } from '../relay/publish-row.js';
import { PeriodicTask } from '../retention/periodic-task.js';
import type { EventSigner } from '../signing/key-ring.js';
import { LEDGER_RETENTION_MS } from './ledger-retention.js';
import type { LedgerSession } from './ledger-session.js';

export interface ReconcilerOptions {
  /** Opens the database session of one run (the run's advisory lock lives on it). */
  session: () => Promise<LedgerSession>;
  /** The connection events are read back and republished on. */
  connection: Pick<BusConnection, 'js' | 'jsm' | 'isConnected'>;
  signer: EventSigner;
  /** The default window of a run: rows published within this long (default the ledger retention, 24 h). */
  retentionMs?: number;
  /** Ledger rows read and checked per batch (default 100). */
  batchSize?: number;
  /** Wait for a read or a publish acknowledgement, in milliseconds (default 5000). */
  publishTimeoutMs?: number;
  /** Time between periodic runs, in milliseconds (BUS_RECONCILE_INTERVAL_MS; default 5 minutes). */
  intervalMs?: number;
  /**
   * Periodic runs skip a row found in place at least this long after its acknowledgement (default
   * 10 minutes: nats-server 2.9 syncs its store every 2 minutes, so such a message had reached the
   * disk). `simpul reconcile` checks every row of its window.
   */
  settledAfterMs?: number;
  logger?: BusLogger;
}

export interface ReconcileRunOptions {
  /** Check rows published at or after this instant (default: now less the retention). */
  since?: Date;
  /** Skip rows already found settled in place (see `settledAfterMs`); default false. */
  skipSettled?: boolean;
}

/** The outcome of one run: counts only (the log names event ids, never bodies). */
export interface ReconcileReport {
  /** Start of the window checked (ISO 8601). */
  since: string;
  /** Ledger rows whose message was read back. */
  checked: number;
  /** Rows whose sequence holds no message (deleted, purged, lost, or the stream is gone). */
  missing: number;
  /** Rows whose sequence holds another event (the stream was recreated and the sequence reused). */
  different: number;
  /** Missing or different rows the stream holds again (new stream/sequence in the ledger). */
  republished: number;
  /** Rows that could not be read or republished (retried on the next run). */
  failed: number;
  /** True when another reconciler of this database was running: nothing was done. */
  skipped?: boolean;
}

interface LedgerRow extends PublishableRow {
  id: string;
  event_type: string;
  stream: string;
  stream_seq: string;
  /** Times the reconciler republished it before. */
  republished: number;
  /** published_at as text: keeps PostgreSQL's microseconds for the keyset (a Date has milliseconds). */
  published_key: string;
}

type Check = 'present' | 'missing' | 'different' | 'failed';

/** Advisory lock key of the reconciler: one run at a time per database, whichever instance. */
const LOCK_KEY = "hashtext('simpul:bus_ledger:reconcile')";

/**
 * Compares the ledger with the streams and republishes what they lost (docs/contract.md §11).
 * nats-server 2.9 has no lookup by message id, so each row's message is read back by the stream
 * and sequence of its acknowledgement (`$JS.API.STREAM.MSG.GET.<stream>`). A sequence holding no
 * message, or another event's, is republished through the relay's own publish (same bytes and
 * signature; the consumers' inboxes make a late duplicate harmless), under a `Nats-Msg-Id` of its
 * own (republishMsgId: a stream must never hold one msg id twice, or 2.9.10's mirrors of it stall),
 * and the ledger takes the new stream and sequence. So a lost event is restored at once, also
 * inside the stream's duplicate window. One run at a time per database (a session
 * advisory lock), so service instances and `simpul reconcile` never publish the same row twice.
 */
export class Reconciler {
  private readonly retentionMs: number;
  private readonly batchSize: number;
  private readonly timeoutMs: number;
  private readonly logger: BusLogger;
  private readonly periodic: PeriodicTask;

  constructor(private readonly options: ReconcilerOptions) {
    this.retentionMs = options.retentionMs ?? LEDGER_RETENTION_MS;
    this.batchSize = options.batchSize ?? 100;
    this.timeoutMs = options.publishTimeoutMs ?? 5000;
    this.logger = options.logger ?? consoleLogger('bus:reconcile');
    const intervalMs = options.intervalMs ?? 300_000;
    this.periodic = new PeriodicTask({
      what: 'reconcile',
      intervalMs,
      // Soon after start (a restart often follows the crash that lost events), once NATS is there.
      firstDelayMs: Math.min(intervalMs, 30_000),
      logger: this.logger,
      run: async () => {
        if (!this.options.connection.isConnected()) return;
        await this.reconcileOnce({ skipSettled: true });
      },
    });
  }

  start(): void {
    this.periodic.start();
  }

  /** Stops the schedule after the run in progress. */
  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** One run over a window; logs and returns its report line. */
  async reconcileOnce(run: ReconcileRunOptions = {}): Promise<ReconcileReport> {
    const session = await this.options.session();
    // A run that failed midway may still hold the lock: the session drops it before it goes back.
    let clean = false;
    try {
      const [window] = await session.query(
        `SELECT coalesce($1::timestamptz, now() - $2::bigint * interval '1 millisecond') AS since,
                pg_try_advisory_lock(${LOCK_KEY}) AS locked`,
        [run.since ?? null, this.retentionMs],
      );
      const since = window!['since'] as Date;
      const report: ReconcileReport = {
        since: since.toISOString(),
        checked: 0,
        missing: 0,
        different: 0,
        republished: 0,
        failed: 0,
      };
      if (window!['locked'] !== true) {
        const skipped = { ...report, skipped: true };
        clean = true;
        this.logger.log(formatReconcileReport(skipped));
        return skipped;
      }
      try {
        await this.checkWindow(session, since, run.skipSettled === true, report);
      } finally {
        await session.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`, []);
        clean = true;
      }
      this.logger.log(formatReconcileReport(report));
      outboxMetrics().reconcileLost.inc(report.missing + report.different);
      outboxMetrics().reconcileRepublished.inc(report.republished);
      outboxMetrics().reconcileFailed.inc(report.failed);
      return report;
    } finally {
      await session.release(!clean);
    }
  }

  private async checkWindow(
    session: LedgerSession,
    since: Date,
    skipSettled: boolean,
    report: ReconcileReport,
  ): Promise<void> {
    let after: [Date | string, string] = [since, '0'];
    for (;;) {
      // Keyset order on the (published_at, id) index; republishing never changes either.
      const rows = (await session.query(
        `SELECT id::text, event_id::text, event_type, source, subject, body, headers, stream,
                stream_seq::text, republished, published_at::text AS published_key
           FROM bus_ledger
          WHERE published_at >= $1 AND (published_at, id) > ($2::timestamptz, $3::bigint)
            AND (NOT $4::boolean OR verified_at IS NULL
                 OR verified_at < acked_at + $5::bigint * interval '1 millisecond')
          ORDER BY published_at, id
          LIMIT $6`,
        [since, after[0], after[1], skipSettled, this.options.settledAfterMs ?? 600_000, this.batchSize],
      )) as unknown as LedgerRow[];
      if (rows.length === 0) return;
      await this.checkBatch(session, rows, report);
      const last = rows.at(-1)!;
      after = [last.published_key, last.id];
      if (rows.length < this.batchSize) return;
    }
  }

  private async checkBatch(
    session: LedgerSession,
    rows: LedgerRow[],
    report: ReconcileReport,
  ): Promise<void> {
    const checks = await Promise.all(rows.map((row) => this.check(row)));
    report.checked += rows.length;
    const present = rows.filter((_, i) => checks[i] === 'present').map((r) => r.id);
    if (present.length > 0) {
      await session.query(`UPDATE bus_ledger SET verified_at = now() WHERE id = ANY($1::bigint[])`, [
        present,
      ]);
    }
    const lost = rows.filter((_, i) => checks[i] === 'missing' || checks[i] === 'different');
    report.missing += checks.filter((c) => c === 'missing').length;
    report.different += checks.filter((c) => c === 'different').length;
    report.failed += checks.filter((c) => c === 'failed').length;
    const acks = await Promise.all(lost.map((row) => this.republish(row)));
    const restored = lost.flatMap((row, i) => (acks[i] ? [{ row, ack: acks[i] }] : []));
    report.republished += restored.length;
    report.failed += lost.length - restored.length;
    if (restored.length > 0) {
      await session.query(
        `UPDATE bus_ledger l
            SET stream = u.stream, stream_seq = u.seq, acked_at = now(), verified_at = NULL,
                republished = l.republished + 1
           FROM unnest($1::bigint[], $2::text[], $3::bigint[]) AS u(id, stream, seq)
          WHERE l.id = u.id`,
        [restored.map((r) => r.row.id), restored.map((r) => r.ack.stream), restored.map((r) => r.ack.seq)],
      );
    }
  }

  /** Reads the row's message back by its stream and sequence. */
  private async check(row: LedgerRow): Promise<Check> {
    let message: StoredMsg | null;
    try {
      message = await this.options.connection.jsm.streams.getMessage(row.stream, {
        seq: Number(row.stream_seq),
      });
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)
        return 'missing';
      const d = describeError(error);
      this.logger.warn(
        `reconcile: cannot read event ${row.event_id} at ${row.stream} seq ${row.stream_seq} (${d.code}: ${d.message})`,
      );
      return 'failed';
    }
    if (!message) return 'missing';
    return isMsgIdOf(message.header?.get('Nats-Msg-Id'), row.event_id) ? 'present' : 'different';
  }

  /**
   * Publishes a lost row again. Returns the acknowledgement when the stream holds the event (a new
   * sequence, or a duplicate acknowledgement naming another sequence that holds it), else undefined.
   */
  private async republish(row: LedgerRow): Promise<PubAck | undefined> {
    let ack: PubAck;
    try {
      ack = await publishStoredEvent(
        this.options.connection.js,
        this.options.signer,
        row,
        this.timeoutMs,
        republishMsgId(row.event_id, Number(row.republished) + 1),
      );
    } catch (error) {
      const d = describeError(error);
      this.logger.warn(`reconcile: republishing event ${row.event_id} failed (${d.code}: ${d.message})`);
      return undefined;
    }
    if (
      ack.duplicate &&
      (await this.check({ ...row, stream: ack.stream, stream_seq: String(ack.seq) })) !== 'present'
    ) {
      this.logger.warn(
        `reconcile: event ${row.event_id} is lost from ${row.stream} seq ${row.stream_seq} but still inside the stream's duplicate window; next run`,
      );
      return undefined;
    }
    this.logger.log(
      `reconcile: republished event ${row.event_id} (${row.event_type}) to ${ack.stream} seq ${ack.seq} (was ${row.stream} seq ${row.stream_seq})`,
    );
    return ack;
  }
}

/** The report line of a run (log and `simpul reconcile`): counts only. */
export function formatReconcileReport(report: ReconcileReport): string {
  if (report.skipped) return `reconcile: since ${report.since}: skipped, another reconciler is running`;
  return `reconcile: since ${report.since}: checked ${report.checked}, missing ${report.missing}, different ${report.different}, republished ${report.republished}, failed ${report.failed}`;
}
