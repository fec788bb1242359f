export interface PullWatchdogOptions {
  /** The server's idle heartbeat interval on the pull, in milliseconds. */
  heartbeatMs: number;
  /** Heartbeat intervals without any sign of life before the pull counts as stalled. Default 3. */
  toleratedMisses?: number;
  isConnected: () => boolean;
  onStall: () => void;
  now?: () => number;
}

/**
 * Notices a pull subscription that went quiet. nats.js re-issues its pull after a reconnect and on
 * two missed heartbeats, but a pull can still end up orphaned (the server restarted and lost the
 * request, a reconnect raced a consumer update). While connected, the server answers an open pull
 * with messages or an idle heartbeat every `heartbeatMs`; silence for `toleratedMisses` intervals
 * means nobody is pulling, and the runner recreates the subscription. Time spent disconnected
 * does not count.
 */
export class PullWatchdog {
  private last: number;
  private timer: NodeJS.Timeout | undefined;
  private fired = false;
  private readonly now: () => number;
  private readonly limitMs: number;

  constructor(private readonly options: PullWatchdogOptions) {
    this.now = options.now ?? Date.now;
    this.last = this.now();
    this.limitMs = options.heartbeatMs * (options.toleratedMisses ?? 3);
  }

  start(): void {
    this.timer ??= setInterval(() => this.check(), Math.max(250, this.options.heartbeatMs / 2));
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A message, heartbeat or pull went through. */
  alive(): void {
    this.last = this.now();
  }

  /** After a reconnect the clock starts again. */
  reset(): void {
    this.last = this.now();
  }

  /** nats.js reported missed heartbeats; beyond what it repairs itself, treat as a stall. */
  missed(count: number): void {
    if (count > (this.options.toleratedMisses ?? 3)) this.fire();
  }

  /** Evaluates the rule once (the timer calls this). */
  check(): void {
    if (!this.options.isConnected()) {
      this.last = this.now();
      return;
    }
    if (this.now() - this.last > this.limitMs) this.fire();
  }

  private fire(): void {
    if (this.fired) return;
    this.fired = true;
    this.stop();
    this.options.onStall();
  }
}
