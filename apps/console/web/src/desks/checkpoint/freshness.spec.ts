import { describe, expect, it } from '@jest/globals';
import type { ReplicaStatus } from '../../api/types';
import { freshnessOf, STALE_AFTER_SECONDS } from './freshness';

const status = (
  changes: Partial<ReplicaStatus> = {},
  site: Partial<NonNullable<ReplicaStatus['site']>> = {},
): ReplicaStatus => ({
  entries: 10,
  lastSequence: 12,
  lastAppliedAt: '2026-12-03T14:00:00.000Z',
  lagSeconds: 0,
  site: {
    id: 'batam',
    leaf: true,
    link: 'up',
    replicaLag: { entries: 0, seconds: 0 },
    waitingForHub: 0,
    ...site,
  },
  ...changes,
});

describe('the replica freshness banner', () => {
  it('is fresh while the link is up and the replica within the threshold', () => {
    expect(freshnessOf(status({ lagSeconds: STALE_AFTER_SECONDS }), false)).toBe('fresh');
  });

  it('warns when the replica is behind, by its own lag or by the site mirror', () => {
    expect(freshnessOf(status({ lagSeconds: STALE_AFTER_SECONDS + 1 }), false)).toBe('stale');
    expect(
      freshnessOf(status({}, { replicaLag: { entries: 3, seconds: STALE_AFTER_SECONDS + 1 } }), false),
    ).toBe('stale');
  });

  it('says offline when the link is down, whatever the lag', () => {
    expect(freshnessOf(status({}, { link: 'down' }), false)).toBe('offline');
  });

  it('says offline when the status cannot be read', () => {
    expect(freshnessOf(undefined, true)).toBe('offline');
    expect(freshnessOf(status(), true)).toBe('offline');
  });

  it('is fresh on a single server, which has no site block', () => {
    expect(freshnessOf({ ...status(), site: undefined }, false)).toBe('fresh');
  });
});
