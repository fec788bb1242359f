import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { READ_PURPOSES, WATCHLIST_LEGAL_TYPES } from '../../api/contract-values';
import type { WatchlistEntry } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TableHead } from '../../components/TableHead';
import { Instant } from '../../components/Instant';
import { useLanguage } from '../../i18n/i18n';
import { useReadAccess } from './access';
import { EntryActions, IssueEntryForm } from './EntryForms';
import { PurposeSelect } from './PurposeSelect';

/** An entry expiring within this many days is flagged, so the desk can re-issue it in time. */
export const EXPIRY_WARNING_DAYS = 14;

export function daysLeft(validUntil: string, now: number): number {
  return Math.floor((new Date(validUntil).getTime() - now) / 86_400_000);
}

/**
 * The watchlist (an audited personal-data read: the page states the officer and a purpose), with
 * issue, re-issue, revoke and re-identification.
 */
export function Watchlist() {
  const { t } = useLanguage();
  const { access, purpose, setPurpose } = useReadAccess(READ_PURPOSES[0]);
  const [status, setStatus] = useState('active');
  const [legalType, setLegalType] = useState('');
  const [issuing, setIssuing] = useState(false);
  const [open, setOpen] = useState<string>();
  const query = new URLSearchParams({ ...(status ? { status } : {}), ...(legalType ? { legalType } : {}) });
  const entries = useQuery({
    queryKey: ['watchlist', status, legalType, purpose],
    queryFn: ({ signal }) =>
      api<{ entries: WatchlistEntry[] }>('ministry', `/v1/watchlist?${query}`, { signal, access }),
  });
  const now = Date.now();
  return (
    <div>
      <div className="page-head">
        <h1>{t('watchlist.title')}</h1>
        <button
          type="button"
          className="button-primary"
          onClick={() => setIssuing(!issuing)}
          aria-expanded={issuing}
        >
          {t('watchlist.issueTitle')}
        </button>
      </div>
      {issuing ? <IssueEntryForm onDone={() => void entries.refetch()} /> : null}
      <div className="filters">
        <PurposeSelect purposes={READ_PURPOSES} purpose={purpose} setPurpose={setPurpose} />
        <label>
          {t('watchlist.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {['active', 'revoked', 'expired'].map((s) => (
              <option key={s} value={s}>
                {t(`entryStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('watchlist.legalType')}
          <select value={legalType} onChange={(e) => setLegalType(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {WATCHLIST_LEGAL_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`legalType.${type}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNotice error={entries.error} />
      {entries.data ? (
        <table className="data" data-testid="watchlist-table">
          <caption>{t('watchlist.count', { count: entries.data.entries.length })}</caption>
          <TableHead
            columns={[
              t('person.fullName'),
              t('watchlist.legalType'),
              t('watchlist.action'),
              t('watchlist.issuedBy'),
              t('watchlist.validity'),
              t('watchlist.status'),
              t('watchlist.actions'),
            ]}
          />
          <tbody>
            {entries.data.entries.map((entry) => {
              const left = daysLeft(entry.validUntil, now);
              const expiring = entry.status === 'active' && left <= EXPIRY_WARNING_DAYS;
              return (
                <tr key={entry.entryId} className={expiring ? 'row-warning' : undefined}>
                  <td>
                    {entry.person.fullName}
                    {entry.identifiersWithheld.length ? (
                      <span className="hint">
                        {' '}
                        ·{' '}
                        {t('watchlist.withheld', {
                          fields: entry.identifiersWithheld.map((f) => t(`person.${f}`)).join(', '),
                        })}
                      </span>
                    ) : null}
                    {entry.warnings?.includes('insufficient_identification') ? (
                      <strong className="warning-text" data-testid="entry-warning">
                        {' '}
                        ⚠ {t('watchlist.insufficientIdentification')}
                      </strong>
                    ) : null}
                    {entry.caseId ? (
                      <>
                        {' '}
                        · <Link to={`/ministry/cases/${entry.caseId}`}>{t('alerts.openCase')}</Link>
                      </>
                    ) : null}
                  </td>
                  <td>{t(`legalType.${entry.legalType}`)}</td>
                  <td>{t(`action.${entry.action}`)}</td>
                  <td>{entry.issuedBy}</td>
                  <td>
                    <Instant iso={entry.validFrom} place="ministry:desk" /> –{' '}
                    <Instant iso={entry.validUntil} place="ministry:desk" />
                    {expiring ? (
                      <strong className="warning-text">
                        {' '}
                        ⚠ {left < 0 ? t('watchlist.expired') : t('watchlist.expiresIn', { count: left })}
                      </strong>
                    ) : null}
                  </td>
                  <td>
                    {t(`entryStatus.${entry.status}`)} · v{entry.version}
                  </td>
                  <td>
                    {open === entry.entryId ? (
                      <EntryActions entry={entry} onDone={() => void entries.refetch()} />
                    ) : (
                      <button type="button" onClick={() => setOpen(entry.entryId)}>
                        {t('watchlist.manage')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
