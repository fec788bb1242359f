// Framework-free: how long the checkpoint keeps what it holds (docs/adr/0008-retention.md).

const DAY_MS = 24 * 3600 * 1000;

export interface RetentionDays {
  /** A screening, after it was made. */
  screenings: number;
  /** A departure delay, after its validUntil. */
  delays: number;
  /** A watchlist replica row, after its entry expired (validUntil, else revokedAt). */
  replica: number;
}

/** The instants before which each kind of row is pruned at `now`. */
export interface RetentionCutoffs {
  screenings: Date;
  delays: Date;
  replica: Date;
}

export function retentionCutoffs(now: Date, days: RetentionDays): RetentionCutoffs {
  const before = (d: number) => new Date(now.getTime() - d * DAY_MS);
  return { screenings: before(days.screenings), delays: before(days.delays), replica: before(days.replica) };
}
