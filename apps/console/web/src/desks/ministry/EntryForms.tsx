import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, newIdempotencyKey } from '../../api/client';
import { REIDENTIFY_PURPOSES, WATCHLIST_ACTIONS, WATCHLIST_LEGAL_TYPES } from '../../api/contract-values';
import { ApiError } from '../../api/errors';
import type { Person, WatchlistEntry } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { EMPTY_PERSON, PersonFields, personBody, type PersonValues } from '../../components/PersonFields';
import { useLanguage } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';

/** A date picked in a form (`2026-12-31`) as the instant the contract wants: the start of that day in WIB. */
export function dayStartInstant(date: string): string {
  return date ? new Date(`${date}T00:00:00+07:00`).toISOString() : '';
}

interface IssueValues {
  legalType: string;
  action: string;
  person: PersonValues;
  reason: string;
  issuedBy: string;
  decisionNumber: string;
  validFrom: string;
  validUntil: string;
}

/** The issue request: blanks left out, so the contract's rules (not the form) say what is missing. */
export function issueBody(values: IssueValues): Record<string, unknown> {
  const body: Record<string, unknown> = {
    legalType: values.legalType,
    action: values.action,
    person: personBody(values.person),
  };
  for (const field of ['reason', 'issuedBy', 'decisionNumber'] as const) {
    if (values[field].trim()) body[field] = values[field].trim();
  }
  if (values.validFrom) body.validFrom = dayStartInstant(values.validFrom);
  if (values.validUntil) body.validUntil = dayStartInstant(values.validUntil);
  return body;
}

/** Issue a watchlist entry; the contract's rules come back as field errors where they apply. */
export function IssueEntryForm({ onDone }: { onDone: () => void }) {
  const { t } = useLanguage();
  const { register, handleSubmit, formState } = useForm<IssueValues>({
    defaultValues: {
      legalType: 'advisory',
      action: 'refer',
      issuedBy: 'KP2MI',
      person: EMPTY_PERSON,
      reason: '',
      decisionNumber: '',
      validFrom: '',
      validUntil: '',
    },
  });
  const [error, setError] = useState<ApiError>();
  const [key, setKey] = useState(newIdempotencyKey);
  const [issued, setIssued] = useState<string>();
  const [thin, setThin] = useState(false);

  const submit = handleSubmit(async (values) => {
    setError(undefined);
    try {
      const answer = await api<{ id?: string; entryId?: string; warnings?: string[] }>(
        'ministry',
        '/v1/watchlist',
        { body: issueBody(values), idempotencyKey: key },
      );
      setIssued(answer.entryId ?? answer.id);
      setThin(answer.warnings?.includes('insufficient_identification') ?? false);
      setKey(newIdempotencyKey());
      onDone();
    } catch (caught) {
      setError(caught as ApiError);
    }
  });

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="issue-title">
      <h2 id="issue-title">{t('watchlist.issueTitle')}</h2>
      <div className="row">
        <Field label={t('watchlist.legalType')} path="legalType" error={error} required>
          {(props) => (
            <select {...props} {...register('legalType')}>
              {WATCHLIST_LEGAL_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`legalType.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('watchlist.action')} path="action" error={error} required>
          {(props) => (
            <select {...props} {...register('action')}>
              {WATCHLIST_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {t(`action.${action}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <p className="hint">{t('watchlist.rulesHint')}</p>
      <PersonFields register={register} name="person" path="person" error={error} />
      <Field label={t('watchlist.reason')} path="reason" error={error} required>
        {(props) => <textarea {...props} {...register('reason')} rows={2} />}
      </Field>
      <div className="row">
        <Field label={t('watchlist.issuedBy')} path="issuedBy" error={error} required>
          {(props) => <input {...props} {...register('issuedBy')} />}
        </Field>
        <Field
          label={t('watchlist.decisionNumber')}
          path="decisionNumber"
          error={error}
          hint={t('watchlist.decisionNumberHint')}
        >
          {(props) => <input {...props} {...register('decisionNumber')} />}
        </Field>
      </div>
      <div className="row">
        <Field label={t('watchlist.validFrom')} path="validFrom" error={error} required>
          {(props) => <input {...props} type="date" {...register('validFrom')} />}
        </Field>
        <Field label={t('watchlist.validUntil')} path="validUntil" error={error} required>
          {(props) => <input {...props} type="date" {...register('validUntil')} />}
        </Field>
      </div>
      <ErrorNotice error={error} />
      {issued ? (
        <p className="notice notice-ok" role="status">
          ✓ {t('watchlist.issued')} <span className="mono">{issued}</span>
        </p>
      ) : null}
      {issued && thin ? (
        <p className="notice notice-warning" role="status" data-testid="issued-warning">
          ⚠ {t('watchlist.insufficientIdentification')}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={formState.isSubmitting}>
        {t('watchlist.issue')}
      </button>
    </form>
  );
}

/** Re-issue (extend or change) or revoke one entry, or re-identify its person with a stated purpose. */
export function EntryActions({ entry, onDone }: { entry: WatchlistEntry; onDone: () => void }) {
  const { t } = useLanguage();
  const session = useSignedIn();
  const [mode, setMode] = useState<'none' | 'reissue' | 'revoke' | 'reidentify'>('none');
  const [error, setError] = useState<ApiError>();
  const [key, setKey] = useState(newIdempotencyKey);
  const [validUntil, setValidUntil] = useState('');
  const [extension, setExtension] = useState('');
  const [reason, setReason] = useState('');
  const [purpose, setPurpose] = useState<string>(REIDENTIFY_PURPOSES[0]);
  const [note, setNote] = useState('');
  const [person, setPerson] = useState<Person>();
  const [busy, setBusy] = useState(false);

  const send = async (path: string, body: Record<string, unknown>, after?: (answer: unknown) => void) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api<unknown>('ministry', `/v1/watchlist/${entry.entryId}/${path}`, {
        body,
        idempotencyKey: key,
      });
      setKey(newIdempotencyKey());
      after?.(answer);
      if (path !== 'reidentify') {
        setMode('none');
        onDone();
      }
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const open = (next: typeof mode) => {
    setMode(mode === next ? 'none' : next);
    setError(undefined);
    setPerson(undefined);
  };

  return (
    <div className="entry-actions">
      <div className="actions">
        <button type="button" onClick={() => open('reissue')} aria-expanded={mode === 'reissue'}>
          {t('watchlist.reissue')}
        </button>
        {entry.status !== 'revoked' ? (
          <button type="button" onClick={() => open('revoke')} aria-expanded={mode === 'revoke'}>
            {t('watchlist.revoke')}
          </button>
        ) : null}
        <button type="button" onClick={() => open('reidentify')} aria-expanded={mode === 'reidentify'}>
          {t('watchlist.reidentify')}
        </button>
      </div>
      {mode === 'reissue' ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void send('reissue', {
              ...(validUntil ? { validUntil: dayStartInstant(validUntil) } : {}),
              ...(extension.trim() ? { extensionDecisionNumber: extension.trim() } : {}),
            });
          }}
        >
          <Field label={t('watchlist.validUntil')} path="validUntil" error={error}>
            {(props) => (
              <input
                {...props}
                type="date"
                value={validUntil}
                onChange={(e) => setValidUntil(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('watchlist.extensionDecisionNumber')} path="extensionDecisionNumber" error={error}>
            {(props) => <input {...props} value={extension} onChange={(e) => setExtension(e.target.value)} />}
          </Field>
          <ErrorNotice error={error} />
          <button type="submit" className="button-primary" disabled={busy}>
            {t('watchlist.reissueSubmit')}
          </button>
        </form>
      ) : null}
      {mode === 'revoke' ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void send('revoke', reason.trim() ? { reason: reason.trim() } : {});
          }}
        >
          <Field label={t('watchlist.revokeReason')} path="reason" error={error} required>
            {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <ErrorNotice error={error} />
          <button type="submit" className="button-danger" disabled={busy}>
            {t('watchlist.revokeSubmit')}
          </button>
        </form>
      ) : null}
      {mode === 'reidentify' ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void send(
              'reidentify',
              { official: session.officer, purpose, ...(note.trim() ? { note: note.trim() } : {}) },
              (answer) => setPerson((answer as { person: Person }).person),
            );
          }}
        >
          <p className="hint">{t('watchlist.reidentifyHint')}</p>
          <Field label={t('watchlist.purpose')} path="purpose" error={error} required>
            {(props) => (
              <select {...props} value={purpose} onChange={(e) => setPurpose(e.target.value)}>
                {REIDENTIFY_PURPOSES.map((p) => (
                  <option key={p} value={p}>
                    {t(`readPurpose.${p}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('watchlist.note')} path="note" error={error}>
            {(props) => (
              <input {...props} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
            )}
          </Field>
          <ErrorNotice error={error} />
          <button type="submit" className="button-primary" disabled={busy}>
            {t('watchlist.reidentifySubmit')}
          </button>
          {person ? (
            <dl className="facts" data-testid="reidentified">
              <dt>{t('person.fullName')}</dt>
              <dd>{person.fullName}</dd>
              <dt>{t('person.nik')}</dt>
              <dd>{person.nik ?? '–'}</dd>
              <dt>{t('person.passportNumber')}</dt>
              <dd>{person.passportNumber ?? '–'}</dd>
            </dl>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
