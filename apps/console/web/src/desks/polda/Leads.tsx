import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Lead } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Instant } from '../../components/Instant';
import { useLanguage } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { AdText } from '../AdText';
import { ListTable } from '../ListTable';

/**
 * The Polda's leads: the ministry's cyber patrol findings on this Polda's region (GET /v1/leads, an
 * audited read: handles and phone numbers are personal data), newest first, refreshed every 15 s.
 * The ad's address is shown as text, never as a live link: a recruitment ad may be a trap for
 * whoever opens it, so investigators open it deliberately, from the machine they investigate with.
 */
export function Leads() {
  const session = useSignedIn();
  const { t } = useLanguage();
  const leads = useQuery({
    queryKey: ['leads'],
    queryFn: ({ signal }) =>
      api<{ leads: Lead[] }>('police', '/v1/leads', {
        signal,
        access: { official: session.officer, purpose: 'investigation' },
      }),
    refetchInterval: 15_000,
  });
  const items = [...(leads.data?.leads ?? [])].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
  return (
    <div>
      <h1>{t('leads.title')}</h1>
      <p className="hint">{t('leads.hint')}</p>
      <p className="notice" role="note">
        ⚠ {t('leads.urlWarning')}
      </p>
      <ErrorNotice error={leads.error} />
      <ListTable
        rows={leads.data ? items.length : undefined}
        none={t('leads.none')}
        caption={t('leads.count', { count: items.length })}
        testId="leads-table"
        columns={[
          t('patrol.recordedAt'),
          t('patrol.platform'),
          t('patrol.ad'),
          t('patrol.accountHandle'),
          t('patrol.phoneNumbers'),
          t('patrol.companyName'),
          t('leads.linkedCases'),
        ]}
      >
        {items.map((lead) => (
          <tr key={lead.findingId} data-testid="lead" data-finding-id={lead.findingId}>
            <td>
              <Instant iso={lead.recordedAt} place={session.unit} />
              {lead.postedAt ? (
                <div className="hint">
                  {t('patrol.postedAt')}: <Instant iso={lead.postedAt} place={session.unit} />
                </div>
              ) : null}
            </td>
            <td>{t(`platform.${lead.platform}`)}</td>
            <td>
              <AdText url={lead.url} summary={lead.summary} />
            </td>
            <td className="mono small">{lead.accountHandle ?? '–'}</td>
            <td className="mono small">{lead.phoneNumbers?.join(', ') || '–'}</td>
            <td>
              {lead.companyName ?? '–'}
              {lead.destinationCountry ? ` → ${lead.destinationCountry}` : ''}
            </td>
            <td data-testid="lead-cases">{lead.caseIds?.length ?? 0}</td>
          </tr>
        ))}
      </ListTable>
    </div>
  );
}
