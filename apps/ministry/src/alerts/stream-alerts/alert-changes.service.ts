import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DatabaseChangeListener } from '@simpul/bus';
import { DataSource } from 'typeorm';
import { MinistryConfig } from '../../config/ministry.config.js';
import { AlertEntity } from '../alert.entity.js';

/** The channel the alerts' change trigger notifies on commit (migration AlertChangeFeed1797600000001). */
export const ALERT_CHANGE_CHANNEL = 'ministry_alert_changed';

/** How often the feed is polled besides the notifications (a notification sent while the listening connection was down is lost), ms. */
export const ALERT_POLL_INTERVAL_MS = 1000;

/** Most rows one read of the feed returns. */
export const ALERT_PAGE_SIZE = 100;

/** What a stream gives the feed: how to wake it (new changes committed) and how to end it (shutdown). */
export interface AlertFollower {
  wake(): void;
  close(): void;
}

/**
 * The alerts' change feed (`ministry_alert.change_seq`, in commit order) as this instance sees it:
 * one LISTEN connection and a poll, whichever instance of the ministry wrote the change. Followers
 * (open streams) are woken when the feed's head moves and read from their own cursor.
 */
@Injectable()
export class AlertChanges implements OnModuleInit, OnModuleDestroy {
  private readonly followers = new Set<AlertFollower>();
  private listener: DatabaseChangeListener | undefined;
  private poll: NodeJS.Timeout | undefined;
  /** The highest change_seq seen committed. */
  private head = 0n;
  private checking = false;
  private recheck = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MinistryConfig) private readonly config: MinistryConfig,
  ) {}

  onModuleInit(): void {
    this.listener = new DatabaseChangeListener(this.config.MINISTRY_DATABASE_URL, ALERT_CHANGE_CHANNEL, () =>
      this.check(),
    );
    this.listener.start();
    this.poll = setInterval(() => this.check(), ALERT_POLL_INTERVAL_MS);
    this.poll.unref();
  }

  /** Ends every open stream first: an open response would keep the HTTP server from closing. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.poll);
    for (const follower of [...this.followers]) follower.close();
    this.followers.clear();
    await this.listener?.stop();
  }

  /** How many streams follow the feed now. */
  get following(): number {
    return this.followers.size;
  }

  /** Wakes `follower` on every new change until the returned function is called. */
  follow(follower: AlertFollower): () => void {
    this.followers.add(follower);
    return () => this.followers.delete(follower);
  }

  /** Up to ALERT_PAGE_SIZE alerts changed after `after`, in feed order. */
  after(after: string): Promise<AlertEntity[]> {
    return this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('alert')
      .where('alert.change_seq > :after', { after })
      .orderBy('alert.change_seq', 'ASC')
      .limit(ALERT_PAGE_SIZE)
      .getMany();
  }

  /** The `count` latest alerts of the feed, in feed order (what a stream without a cursor starts with). */
  async latest(count: number): Promise<AlertEntity[]> {
    const rows = await this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('alert')
      .orderBy('alert.change_seq', 'DESC')
      .limit(count)
      .getMany();
    return rows.reverse();
  }

  /** One look at the head at a time; a look asked for meanwhile runs once after it. */
  private check(): void {
    if (this.followers.size === 0) return;
    if (this.checking) {
      this.recheck = true;
      return;
    }
    this.checking = true;
    void (async () => {
      try {
        do {
          this.recheck = false;
          const [row]: Array<{ head: string | null }> = await this.dataSource.query(
            `SELECT max(change_seq)::text AS head FROM ministry_alert`,
          );
          const head = BigInt(row?.head ?? '0');
          if (head > this.head) {
            this.head = head;
            for (const follower of this.followers) follower.wake();
          }
        } while (this.recheck);
      } catch {
        // The next notification or poll looks again.
      } finally {
        this.checking = false;
      }
    })();
  }
}
