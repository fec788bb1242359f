import type { Response } from 'express';
import { alertView } from '../alert.view.js';
import type { AlertEntity } from '../alert.entity.js';
import type { AlertChanges, AlertFollower } from './alert-changes.service.js';
import { ALERT_PAGE_SIZE } from './alert-changes.service.js';
import { alertEventFrame, HEARTBEAT_FRAME } from './stream-alerts.rules.js';

/** How many alerts a stream without a cursor starts with (the latest ones). */
export const LATEST_ALERTS = 50;

/** How often a comment line keeps an idle stream (and the proxies on its way) open, ms. */
export const HEARTBEAT_INTERVAL_MS = 15_000;

/**
 * One client's alert stream: every alert changed after its cursor, then live ones, one SSE event
 * each. One read of the feed at a time and at most one page in memory: the next row is written only
 * once the socket has taken the last (`drain`), so a slow client holds nothing but its cursor.
 */
export class AlertStream implements AlertFollower {
  private closed = false;
  private reading = false;
  private again = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unfollow: () => void;

  /** `cursor`: the change_seq of the last alert the client has; undefined = start with the latest. */
  constructor(
    private readonly res: Response,
    private readonly changes: AlertChanges,
    private cursor: string | undefined,
  ) {
    this.unfollow = changes.follow(this);
    this.heartbeat = setInterval(() => {
      if (!this.res.writableNeedDrain) this.res.write(HEARTBEAT_FRAME);
    }, HEARTBEAT_INTERVAL_MS);
    this.heartbeat.unref();
    res.on('close', () => this.close());
  }

  /** New changes are committed: read them (once more after the current read, if one runs). */
  wake(): void {
    if (this.closed) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    void this.readAll();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.unfollow();
    if (!this.res.writableEnded) this.res.end();
  }

  private async readAll(): Promise<void> {
    try {
      do {
        this.again = false;
        if (this.cursor === undefined) {
          await this.send(await this.changes.latest(LATEST_ALERTS));
          this.cursor ??= '0';
        }
        for (;;) {
          const rows = await this.changes.after(this.cursor);
          await this.send(rows);
          if (rows.length < ALERT_PAGE_SIZE || this.closed) break;
        }
      } while (this.again && !this.closed);
    } catch {
      // The database failed mid-stream: end it; the client reconnects with its Last-Event-ID.
      this.close();
    } finally {
      this.reading = false;
    }
  }

  private async send(rows: AlertEntity[]): Promise<void> {
    for (const row of rows) {
      if (this.closed) return;
      this.cursor = row.changeSeq;
      if (!this.res.write(alertEventFrame(row.changeSeq, alertView(row)))) await this.drained();
    }
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        this.res.off('close', done);
        resolve();
      };
      this.res.on('drain', done);
      this.res.on('close', done);
    });
  }
}
