import { Counter, Gauge, register } from 'prom-client';

export interface OutboxMetrics {
  published: Counter;
  failedAttempts: Counter;
  setAside: Counter;
  /** Rows in `failed` at the last count: alert when above 0. */
  failedRows: Gauge;
  /** Ledger rows the reconciler found missing from their stream or replaced there (a NATS loss). */
  reconcileLost: Counter;
  reconcileRepublished: Counter;
  /** Ledger rows the reconciler could not check or republish (retried on its next run). */
  reconcileFailed: Counter;
}

let metrics: OutboxMetrics | undefined;

/**
 * The relay's metrics in the process's default Prometheus registry (served at /metrics). Created
 * once per process: several relays (tests, two data sources) share them, and prom-client refuses
 * a second metric of the same name.
 */
export function outboxMetrics(): OutboxMetrics {
  metrics ??= {
    published: counter(
      'simpul_outbox_published_total',
      'Outbox events published and moved to the producer ledger',
    ),
    failedAttempts: counter('simpul_outbox_publish_failures_total', 'Failed publish attempts of outbox rows'),
    setAside: counter(
      'simpul_outbox_set_aside_total',
      'Outbox rows set aside as failed after the attempt limit (see simpul outbox list)',
    ),
    failedRows:
      (register.getSingleMetric('simpul_outbox_failed_rows') as Gauge | undefined) ??
      new Gauge({
        name: 'simpul_outbox_failed_rows',
        help: 'Outbox rows set aside as failed and waiting for simpul outbox retry|drop; alert when above 0',
      }),
    reconcileLost: counter(
      'simpul_reconcile_lost_total',
      'Acknowledged events the reconciler found missing from their stream or replaced there; alert when it grows',
    ),
    reconcileRepublished: counter(
      'simpul_reconcile_republished_total',
      'Lost events the reconciler republished from the producer ledger',
    ),
    reconcileFailed: counter(
      'simpul_reconcile_failures_total',
      'Ledger rows the reconciler could not check or republish (tried again on its next run)',
    ),
  };
  return metrics;
}

function counter(name: string, help: string): Counter {
  return (register.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help });
}
