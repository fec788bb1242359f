import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Instant } from '../../components/Instant';
import { formatNumber } from '../../i18n/format';
import { useLanguage } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { unitCode } from '../../session/session-storage';

/** One item of GET /v1/arrests or GET /v1/interceptions: counts, never the people (no personal data). */
export interface RecordSummary {
  id: string;
  eventId: string;
  occurredAt: string;
  recordedAt: string;
  location?: { name?: string };
  reportNumber?: string;
  suspects?: number;
  candidateCount?: number;
  route?: { exitPoint?: string; destinationCountry?: string };
}

interface Page {
  items: RecordSummary[];
  next?: string | null;
}

/** One paged list of this Polda's records, newest first, with "more" until the service says there is no next page. */
function RecordList({ kind }: { kind: 'arrests' | 'interceptions' }) {
  const session = useSignedIn();
  const polda = unitCode(session);
  const { t, language } = useLanguage();
  const pages = useInfiniteQuery({
    queryKey: ['records', kind],
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) =>
      api<Page>(
        'police',
        `/v1/${kind}?limit=20${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ''}`,
        { signal },
      ),
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card" aria-labelledby={`records-${kind}`}>
      <h2 id={`records-${kind}`}>{t(`records.${kind}`)}</h2>
      <ErrorNotice error={pages.error} />
      {pages.data && items.length === 0 ? <p className="empty">{t('records.none')}</p> : null}
      {items.length ? (
        <table className="data" data-testid={`records-${kind}`}>
          <thead>
            <tr>
              <th scope="col">{t('records.occurredAt')}</th>
              {kind === 'arrests' ? (
                <th scope="col">{t('arrest.reportNumber')}</th>
              ) : (
                <th scope="col">{t('interception.route')}</th>
              )}
              <th scope="col">{kind === 'arrests' ? t('records.suspects') : t('records.candidates')}</th>
              <th scope="col">{t('records.id')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-record-id={item.id}>
                <td>
                  <Instant iso={item.occurredAt} place={`polda:${polda}`} />
                </td>
                {kind === 'arrests' ? (
                  <td>{item.reportNumber}</td>
                ) : (
                  <td>
                    {item.route?.exitPoint ?? '–'} → {item.route?.destinationCountry ?? '–'}
                  </td>
                )}
                <td>
                  {kind === 'arrests'
                    ? formatNumber(item.suspects ?? 0, language)
                    : formatNumber(item.candidateCount ?? 0, language)}
                </td>
                <td className="mono small">{item.id}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {pages.hasNextPage ? (
        <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {t('records.more')}
        </button>
      ) : null}
    </section>
  );
}

/** The Polda's own reports: arrests and foiled departures (GET /v1/arrests, GET /v1/interceptions). */
export function Records() {
  const { t } = useLanguage();
  return (
    <div>
      <h1>{t('records.title')}</h1>
      <RecordList kind="arrests" />
      <RecordList kind="interceptions" />
    </div>
  );
}
