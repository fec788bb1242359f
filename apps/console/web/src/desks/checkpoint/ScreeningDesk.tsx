import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { STATED_PURPOSES } from '../../api/contract-values';
import type { ApiError } from '../../api/errors';
import type { ScreeningResult } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { SexSelect } from '../../components/SexSelect';
import { useLanguage } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { unitCode } from '../../session/session-storage';
import { Decision } from './Decision';
import { FreshnessBanner } from './FreshnessBanner';

interface Traveller {
  fullName: string;
  dateOfBirth: string;
  sex: string;
  nik: string;
  passportNumber: string;
  destination: string;
  purpose: string;
}

const EMPTY: Traveller = {
  fullName: '',
  dateOfBirth: '',
  sex: '',
  nik: '',
  passportNumber: '',
  destination: '',
  purpose: '',
};

/** The screening request: only what the officer filled in (only the full name is required). */
export function screeningBody(checkpoint: string, form: Traveller): Record<string, unknown> {
  // A blank name is left out, so the service says it is required (not that it is too short).
  const traveler: Record<string, string> = {};
  if (form.fullName.trim()) traveler.fullName = form.fullName.trim();
  if (form.dateOfBirth) traveler.dateOfBirth = form.dateOfBirth;
  if (form.sex) traveler.sex = form.sex;
  if (form.nik.trim()) traveler.nik = form.nik.trim();
  if (form.passportNumber.trim()) traveler.passportNumber = form.passportNumber.trim().toUpperCase();
  const body: Record<string, unknown> = { checkpoint, traveler };
  if (form.destination.trim() || form.purpose) {
    body.travel = {
      ...(form.destination.trim() ? { destinationCountry: form.destination.trim().toUpperCase() } : {}),
      ...(form.purpose ? { statedPurpose: form.purpose } : {}),
    };
  }
  return body;
}

/**
 * The checkpoint desk: screen a departing traveller against this checkpoint's replica, see the
 * decision large, record what was done. The replica's freshness stays in view.
 */
export function ScreeningDesk() {
  const session = useSignedIn();
  const checkpoint = unitCode(session);
  const { t } = useLanguage();
  const [form, setForm] = useState<Traveller>(EMPTY);
  const [result, setResult] = useState<ScreeningResult>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const set = (field: keyof Traveller) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [field]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(
        await api<ScreeningResult>({ immigration: checkpoint }, '/v1/screenings', {
          body: screeningBody(checkpoint, form),
        }),
      );
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const next = () => {
    setForm(EMPTY);
    setResult(undefined);
    setError(undefined);
    document.getElementById('screen-fullName')?.focus();
  };

  return (
    <div className="screening">
      <h1>{t('screening.title')}</h1>
      <FreshnessBanner checkpoint={checkpoint} />
      <div className="screening-columns">
        <form
          className="card"
          onSubmit={submit}
          noValidate
          data-testid="screen-form"
          aria-label={t('screening.title')}
        >
          <Field
            label={t('person.fullName')}
            path="traveler.fullName"
            error={error}
            required
            id="screen-fullName"
          >
            {(props) => (
              <input
                {...props}
                data-testid="screen-fullName"
                value={form.fullName}
                onChange={set('fullName')}
                maxLength={200}
                autoComplete="off"
                required
              />
            )}
          </Field>
          <div className="row">
            <Field label={t('person.dateOfBirth')} path="traveler.dateOfBirth" error={error}>
              {(props) => (
                <input
                  {...props}
                  type="date"
                  data-testid="screen-dateOfBirth"
                  value={form.dateOfBirth}
                  onChange={set('dateOfBirth')}
                />
              )}
            </Field>
            <Field label={t('person.sex')} path="traveler.sex" error={error}>
              {(props) => (
                <SexSelect {...props} data-testid="screen-sex" value={form.sex} onChange={set('sex')} />
              )}
            </Field>
          </div>
          <div className="row">
            <Field label={t('person.nik')} path="traveler.nik" error={error} hint={t('person.nikHint')}>
              {(props) => (
                <input
                  {...props}
                  data-testid="screen-nik"
                  inputMode="numeric"
                  value={form.nik}
                  onChange={set('nik')}
                  maxLength={16}
                  autoComplete="off"
                />
              )}
            </Field>
            <Field label={t('person.passportNumber')} path="traveler.passportNumber" error={error}>
              {(props) => (
                <input
                  {...props}
                  data-testid="screen-passportNumber"
                  value={form.passportNumber}
                  onChange={set('passportNumber')}
                  maxLength={20}
                  autoComplete="off"
                />
              )}
            </Field>
          </div>
          <div className="row">
            <Field
              label={t('screening.destination')}
              path="travel.destinationCountry"
              error={error}
              hint={t('screening.destinationHint')}
            >
              {(props) => (
                <input
                  {...props}
                  data-testid="screen-destination"
                  value={form.destination}
                  onChange={set('destination')}
                  maxLength={3}
                  autoComplete="off"
                />
              )}
            </Field>
            <Field label={t('screening.purpose')} path="travel.statedPurpose" error={error}>
              {(props) => (
                <select
                  {...props}
                  data-testid="screen-purpose"
                  value={form.purpose}
                  onChange={set('purpose')}
                >
                  <option value="">{t('form.notStated')}</option>
                  {STATED_PURPOSES.map((purpose) => (
                    <option key={purpose} value={purpose}>
                      {t(`purpose.${purpose}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <ErrorNotice error={error} />
          <div className="actions">
            <button type="submit" className="button-primary" data-testid="screen-submit" disabled={busy}>
              {busy ? t('screening.screening') : t('screening.submit')}
            </button>
            <button type="button" className="button-quiet" onClick={next}>
              {t('screening.next')}
            </button>
          </div>
        </form>
        <div aria-live="assertive">
          {result ? <Decision result={result} checkpoint={checkpoint} officer={session.officer} /> : null}
        </div>
      </div>
    </div>
  );
}
