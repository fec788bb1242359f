import { Injectable } from '@nestjs/common';

export interface HealthReport {
  /** `up` when the dependency works; `down` makes /health answer 503. */
  status: 'up' | 'down';
  /** Non-personal facts worth showing an operator (lag, backlog, server version…). */
  [detail: string]: unknown;
}

export interface HealthCheck {
  /** Short dependency name shown in /health, e.g. `database`, `nats`. */
  name: string;
  check(): Promise<HealthReport>;
}

/** Where each service's modules register what /health checks (its database, NATS, the outbox…). */
@Injectable()
export class HealthRegistry {
  private readonly checks: HealthCheck[] = [];

  register(check: HealthCheck): void {
    this.checks.push(check);
  }

  async run(timeoutMs = 2000): Promise<{ status: 'ok' | 'error'; checks: Record<string, HealthReport> }> {
    const reports = await Promise.all(this.checks.map((check) => runWithTimeout(check, timeoutMs)));
    const checks = Object.fromEntries(this.checks.map((check, i) => [check.name, reports[i]]));
    const status = reports.every((report) => report.status === 'up') ? 'ok' : 'error';
    return { status, checks };
  }
}

async function runWithTimeout(check: HealthCheck, timeoutMs: number): Promise<HealthReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthReport>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'down', error: 'timeout' }), timeoutMs);
  });
  try {
    return await Promise.race([check.check(), timeout]);
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.name : 'error' };
  } finally {
    clearTimeout(timer);
  }
}
