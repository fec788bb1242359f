import type { ReplicaStatus } from '../../api/types';

/** A replica further behind than this is stale: the officer is told, and screening goes on. */
export const STALE_AFTER_SECONDS = 300;

export type Freshness = 'fresh' | 'stale' | 'offline';

export function freshnessOf(status: ReplicaStatus | undefined, failed: boolean): Freshness {
  if (failed || !status) return 'offline';
  if (status.site && status.site.link !== 'up') return 'offline';
  const behind = Math.max(status.lagSeconds ?? 0, status.site?.replicaLag?.seconds ?? 0);
  return behind > STALE_AFTER_SECONDS ? 'stale' : 'fresh';
}
