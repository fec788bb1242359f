import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TableHead } from '../../components/TableHead';
import { Instant } from '../../components/Instant';
import { formatNumber } from '../../i18n/format';
import { useLanguage } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';

interface Match {
  eventId: string;
  screeningId: string;
  entryId: string;
  checkpoint: string;
  decision: 'deny' | 'refer';
  score: number;
  occurredAt: string;
  origin?: { unit: string; eventId: string; personId?: string };
}

/**
 * The Polda's inbox: checkpoint matches on its suspects (GET /v1/matches, an audited read: the
 * signed-in officer, purpose `case_handling`), newest first, refreshed every 10 s.
 */
export function MatchesInbox() {
  const session = useSignedIn();
  const { t, language } = useLanguage();
  const matches = useQuery({
    queryKey: ['matches'],
    queryFn: ({ signal }) =>
      api<{ matches: Match[] }>('police', '/v1/matches', {
        signal,
        access: { official: session.officer, purpose: 'case_handling' },
      }),
    refetchInterval: 10_000,
  });
  const items = [...(matches.data?.matches ?? [])].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  return (
    <div>
      <h1>{t('matches.title')}</h1>
      <p className="hint">{t('matches.hint')}</p>
      <ErrorNotice error={matches.error} />
      {matches.data && items.length === 0 ? <p className="empty">{t('matches.none')}</p> : null}
      {items.length ? (
        <table className="data" data-testid="matches-table">
          <TableHead
            columns={[
              t('matches.when'),
              t('matches.checkpoint'),
              t('matches.decision'),
              t('screening.score'),
              t('matches.report'),
            ]}
          />
          <tbody>
            {items.map((match) => (
              <tr key={match.eventId}>
                <td>
                  <Instant iso={match.occurredAt} place={`checkpoint:${match.checkpoint}`} />
                </td>
                <td>{match.checkpoint}</td>
                <td>
                  <strong>{t(`decision.${match.decision}`)}</strong>
                </td>
                <td>{formatNumber(match.score, language, 3)}</td>
                <td className="mono small">
                  {match.origin?.eventId ?? '–'}
                  {match.origin?.personId ? ` · ${match.origin.personId}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
