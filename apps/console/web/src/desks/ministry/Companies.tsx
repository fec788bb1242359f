import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import { COMPANY_SANCTIONS } from '../../api/contract-values';
import type { ApiError } from '../../api/errors';
import type { Company } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TableHead } from '../../components/TableHead';
import { Field } from '../../components/Field';
import { Instant } from '../../components/Instant';
import { useLanguage } from '../../i18n/i18n';
import { dayStartInstant } from './EntryForms';

function SanctionForm({ company, onDone }: { company: Company; onDone: () => void }) {
  const { t } = useLanguage();
  const [sanction, setSanction] = useState<string>(COMPANY_SANCTIONS[0]);
  const [reason, setReason] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<ApiError>();
  const [key, setKey] = useState(newIdempotencyKey);
  const submit = async () => {
    setError(undefined);
    try {
      await api('ministry', `/v1/companies/${company.companyId}/sanctions`, {
        body: {
          sanction,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          ...(from ? { effectiveFrom: dayStartInstant(from) } : {}),
          ...(until ? { effectiveUntil: dayStartInstant(until) } : {}),
        },
        idempotencyKey: key,
      });
      setKey(newIdempotencyKey());
      onDone();
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label={t('companies.sanction')} path="sanction" error={error} required>
        {(props) => (
          <select {...props} value={sanction} onChange={(e) => setSanction(e.target.value)}>
            {COMPANY_SANCTIONS.map((s) => (
              <option key={s} value={s}>
                {t(`sanction.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('companies.reason')} path="reason" error={error} required>
        {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div className="row">
        <Field label={t('companies.effectiveFrom')} path="effectiveFrom" error={error} required>
          {(props) => <input {...props} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}
        </Field>
        <Field label={t('companies.effectiveUntil')} path="effectiveUntil" error={error}>
          {(props) => (
            <input {...props} type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
          )}
        </Field>
      </div>
      <ErrorNotice error={error} />
      <button type="submit" className="button-danger">
        {t('companies.sanctionSubmit')}
      </button>
    </form>
  );
}

/** Placement companies named in police events, their sanctions, and a form to sanction one. */
export function Companies() {
  const { t } = useLanguage();
  const [open, setOpen] = useState<string>();
  const companies = useQuery({
    queryKey: ['companies'],
    queryFn: ({ signal }) => api<{ companies: Company[] }>('ministry', '/v1/companies', { signal }),
  });
  return (
    <div>
      <h1>{t('companies.title')}</h1>
      <ErrorNotice error={companies.error} />
      {companies.data?.companies.length === 0 ? <p className="empty">{t('companies.none')}</p> : null}
      {companies.data ? (
        <table className="data">
          <TableHead
            columns={[
              t('companies.name'),
              t('companies.license'),
              t('companies.firstSeen'),
              t('companies.events'),
              t('companies.sanctions'),
              t('watchlist.actions'),
            ]}
          />
          <tbody>
            {companies.data.companies.map((company) => (
              <tr key={company.companyId}>
                <td>{company.name}</td>
                <td>{company.licenseNumber ?? '–'}</td>
                <td>
                  <Instant iso={company.firstSeenAt} place="ministry:desk" />
                </td>
                <td>{company.sourceEventIds.length}</td>
                <td>
                  {company.sanctions.length
                    ? company.sanctions.map((s) => (
                        <div key={s.sanctionId}>
                          {t(`sanction.${s.sanction}`)} · {t('companies.effectiveFrom')}{' '}
                          <Instant iso={s.effectiveFrom} place="ministry:desk" />
                          {s.effectiveUntil ? (
                            <>
                              {' '}
                              – <Instant iso={s.effectiveUntil} place="ministry:desk" />
                            </>
                          ) : null}
                        </div>
                      ))
                    : t('companies.noSanctions')}
                </td>
                <td>
                  {open === company.companyId ? (
                    <SanctionForm
                      company={company}
                      onDone={() => {
                        setOpen(undefined);
                        void companies.refetch();
                      }}
                    />
                  ) : (
                    <button type="button" onClick={() => setOpen(company.companyId)}>
                      {t('companies.sanctionOpen')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
