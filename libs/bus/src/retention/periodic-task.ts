import { describeError } from '../errors.js';
import type { BusLogger } from '../logger.js';

export interface PeriodicTaskOptions {
  /** What the task does, for the log line of a failed run (`inbox prune`). */
  what: string;
  /** Time from the end of one run to the start of the next, in milliseconds. */
  intervalMs: number;
  /** Delay of the first run after start (default 0: at once). */
  firstDelayMs?: number;
  run: () => Promise<void>;
  logger: BusLogger;
}

/**
 * Runs `run` now and then `intervalMs` after each run ends, until stopped: runs never overlap, a
 * failure (database away) is logged with its code and waits for the next run, and a pending
 * timer never keeps the process alive. The one schedule of the bus's background jobs (inbox and
 * ledger retention, the reconciler).
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly options: PeriodicTaskOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(this.options.firstDelayMs ?? 0);
  }

  /** Stops the schedule and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.options
        .run()
        .catch((error: unknown) => {
          const d = describeError(error);
          this.options.logger.warn(
            `${this.options.what} failed (${d.code}: ${d.message}); next run in one interval`,
          );
        })
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.options.intervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
