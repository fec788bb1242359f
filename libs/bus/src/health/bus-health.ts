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

/**
 * Facts for /health: NATS connected (the only thing that makes it `down`; a backlog is shown,
 * not judged, because the outbox exists precisely to absorb one), server version, outbox backlog
 * and age of its oldest row, and each consumer's pending and unacknowledged counts.
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
  if (connected && sources.runners) {
    const consumers: Record<string, unknown> = {};
    for (const { name, runner } of sources.runners()) {
      try {
        consumers[name] = await runner.lag();
      } catch {
        consumers[name] = 'unknown';
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
