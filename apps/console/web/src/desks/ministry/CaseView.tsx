import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import type { CaseView as Case, WatchlistEntry } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TableHead } from '../../components/TableHead';
import { Instant } from '../../components/Instant';
import { useLanguage } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { CaseFieldWork } from './CaseFieldWork';

/** The agency an event came from, by its type (`police.arrest.recorded.v1` → police). */
export function agencyOf(type: string): string {
  return type.split('.')[0];
}

/** The event kind without agency and version (`police.arrest.recorded.v1` → `arrest.recorded`). */
export function eventKindOf(type: string): string {
  return type.split('.').slice(1, -1).join('.');
}

/** One case: every linked event on a timeline, oldest first, with the agency it came from. */
export function CaseView() {
  const { caseId = '' } = useParams();
  const session = useSignedIn();
  const { t } = useLanguage();
  const found = useQuery({
    queryKey: ['case', caseId],
    queryFn: ({ signal }) =>
      api<Case>('ministry', `/v1/cases/${encodeURIComponent(caseId)}`, {
        signal,
        access: { official: session.officer, purpose: 'case_handling' },
      }),
    refetchInterval: 10_000,
  });
  const access = { official: session.officer, purpose: 'case_handling' };
  const entries = useQuery({
    queryKey: ['case-entries', caseId],
    queryFn: ({ signal }) =>
      api<{ entries: WatchlistEntry[] }>('ministry', `/v1/watchlist?caseId=${encodeURIComponent(caseId)}`, {
        signal,
        access,
      }),
    enabled: found.isSuccess,
  });
  if (found.isError) return <ErrorNotice error={found.error} />;
  const value = found.data;
  if (!value) return <p>{t('common.loading')}</p>;
  const events = [...value.events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return (
    <div>
      <h1>
        {t('case.title')} <span className="mono">{value.id}</span>
      </h1>
      <dl className="facts">
        <dt>{t('case.region')}</dt>
        <dd>{value.region}</dd>
        <dt>{t('case.openedAt')}</dt>
        <dd>
          <Instant iso={value.openedAt} place="ministry:desk" />
        </dd>
        <dt>{t('case.reportNumbers')}</dt>
        <dd>{value.reportNumbers.join(', ') || '–'}</dd>
        <dt>{t('case.alerts')}</dt>
        <dd>{value.alertIds.length}</dd>
        <dt>{t('case.entries')}</dt>
        <dd>{value.watchlistEntryIds.length}</dd>
      </dl>
      <h2>{t('case.timeline')}</h2>
      <ol className="timeline" data-testid="case-timeline">
        {events.map((event) => (
          <li key={event.eventId} className={`timeline-item agency-${agencyOf(event.type)}`}>
            <Instant iso={event.occurredAt} place={value.region} />
            <span className="timeline-agency">{t(`agency.${agencyOf(event.type)}`)}</span>
            <span className="timeline-kind">{t(`eventKind.${eventKindOf(event.type)}`)}</span>
            <span className="mono small" title={event.type}>
              {event.source ? `${event.source} · ` : ''}
              {event.eventId}
            </span>
          </li>
        ))}
      </ol>
      <CaseFieldWork value={value} />
      <h2>{t('case.entries')}</h2>
      <ErrorNotice error={entries.error} />
      {entries.data ? (
        <table className="data" data-testid="case-entries">
          <TableHead
            columns={[
              t('person.fullName'),
              t('watchlist.legalType'),
              t('watchlist.action'),
              t('watchlist.validity'),
              t('watchlist.status'),
              t('case.origin'),
            ]}
          />
          <tbody>
            {entries.data.entries.map((entry) => (
              <tr key={entry.entryId}>
                <td>{entry.person.fullName}</td>
                <td>{t(`legalType.${entry.legalType}`)}</td>
                <td>{t(`action.${entry.action}`)}</td>
                <td>
                  <Instant iso={entry.validFrom} place={value.region} /> –{' '}
                  <Instant iso={entry.validUntil} place={value.region} />
                </td>
                <td>{t(`entryStatus.${entry.status}`)}</td>
                <td className="mono small">
                  {entry.origin ? `${entry.origin.unit} · ${entry.origin.eventId}` : entry.issuedBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
