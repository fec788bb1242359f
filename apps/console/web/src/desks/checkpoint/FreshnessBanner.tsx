import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ReplicaStatus } from '../../api/types';
import { Instant } from '../../components/Instant';
import { formatNumber } from '../../i18n/format';
import { useLanguage } from '../../i18n/i18n';
import { freshnessOf } from './freshness';

/**
 * How current this checkpoint's watchlist replica is (GET /v1/watchlist/status, every 5 s): entries,
 * last update, link to the hub. Turns to a warning when the replica is stale or the link is down;
 * screening answers from the replica either way (docs/contract.md §9).
 */
export function FreshnessBanner({ checkpoint }: { checkpoint: string }) {
  const { t, language } = useLanguage();
  const status = useQuery({
    queryKey: ['replica-status', checkpoint],
    queryFn: ({ signal }) =>
      api<ReplicaStatus>({ immigration: checkpoint }, '/v1/watchlist/status', { signal }),
    refetchInterval: 5000,
    retry: false,
  });
  const freshness = freshnessOf(status.data, status.isError);
  const data = status.data;
  if (status.isPending) return null;
  return (
    <section
      className={`banner banner-${freshness}`}
      data-testid="replica-freshness"
      data-state={freshness}
      role="status"
      aria-live="polite"
    >
      <strong>
        {freshness === 'fresh' ? '✓ ' : '⚠ '}
        {t(`freshness.${freshness}`)}
      </strong>
      {data ? (
        <span>
          {t('freshness.entries', { count: data.entries, formatted: formatNumber(data.entries, language) })} ·{' '}
          {t('freshness.lastUpdate')} <Instant iso={data.lastAppliedAt} place={`checkpoint:${checkpoint}`} />{' '}
          · {t('freshness.link')}: {t(`freshness.link_${data.site?.link === 'down' ? 'down' : 'up'}`)}
          {data.site?.waitingForHub ? ` · ${t('freshness.waiting', { count: data.site.waitingForHub })}` : ''}
        </span>
      ) : (
        <span>{t('freshness.unknown')}</span>
      )}
    </section>
  );
}
