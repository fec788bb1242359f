import type { DataSource } from 'typeorm';
import type { BusConnection } from '../connection/bus-connection.js';
import type { ConsumerRunner } from '../consumer/consumer-runner.js';

/** Same shape as `@simpul/http`'s HealthReport: `down` turns /health into 503. */
export interface BusHealthReport {
  status: 'up' | 'down';
  [detail: string]: unknown;
}

export interface BusHealthSources {
  connection: BusConnection;
  dataSource?: DataSource;
  runners?: () => Iterable<{ name: string; runner: ConsumerRunner }>;
}

/** Set in `alerts` while messages wait un-acked for DEAD_LETTERS to store their dead letter. */
export const DEAD_LETTERS_PENDING_ALERT = 'DEAD_LETTERS_PENDING';

/**
 * Facts for /health: NATS connected (the only thing that makes it `down`; a backlog is shown,
 * not judged, because the outbox exists precisely to absorb one), server version, outbox backlog
 * and age of its oldest row, each consumer's pending and unacknowledged counts, and the dead
 * letters waiting for DEAD_LETTERS (`deadLettersPending`, with `deadLetterFailures` since start),
 * in total and per consumer. While any is pending, `alerts` holds DEAD_LETTERS_PENDING for an
 * operator's alert; the status stays `up` because the service still applies everything else, and
 * a 503 would take its HTTP API out of rotation (or restart it) for an outage of DEAD_LETTERS.
 */
export async function busHealth(sources: BusHealthSources): Promise<BusHealthReport> {
  const connected = sources.connection.isConnected();
  const report: BusHealthReport = {
    status: connected ? 'up' : 'down',
    connected,
    server: sources.connection.serverVersion(),
  };
  if (sources.dataSource) {
    try {
      const [row] = await sources.dataSource.query(
        `SELECT count(*)::int AS backlog, extract(epoch FROM now() - min(created_at)) * 1000 AS oldest_ms FROM bus_outbox`,
      );
      report.outboxBacklog = row.backlog;
      report.outboxOldestMs = row.oldest_ms === null ? 0 : Math.round(Number(row.oldest_ms));
    } catch {
      report.outboxBacklog = 'unknown';
    }
  }
  if (sources.runners) {
    const runners = [...sources.runners()];
    // In-memory counters: shown even while NATS is unreachable.
    const pending = runners.reduce((n, { runner }) => n + runner.deadLettersPending, 0);
    report.deadLettersPending = pending;
    report.deadLetterFailures = runners.reduce((n, { runner }) => n + runner.stats.deadLetterFailures, 0);
    if (pending > 0) report.alerts = [DEAD_LETTERS_PENDING_ALERT];
    const consumers: Record<string, unknown> = {};
    for (const { name, runner } of runners) {
      const deadLetters = {
        deadLettersPending: runner.deadLettersPending,
        deadLetterFailures: runner.stats.deadLetterFailures,
      };
      try {
        consumers[name] = connected ? { ...(await runner.lag()), ...deadLetters } : deadLetters;
      } catch {
        consumers[name] = { lag: 'unknown', ...deadLetters };
      }
    }
    report.consumers = consumers;
  }
  return report;
}

/** A `HealthCheck` (name + check) ready for `HealthRegistry.register()` of `@simpul/http`. */
export class BusHealthIndicator {
  readonly name = 'nats';

  constructor(private readonly sources: BusHealthSources) {}

  check(): Promise<BusHealthReport> {
    return busHealth(this.sources);
  }
}
