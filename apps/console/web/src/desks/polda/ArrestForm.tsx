import { useFieldArray, useForm } from 'react-hook-form';
import { SUSPECT_ROLES, SUSPECT_STATUSES } from '../../api/contract-values';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { useLanguage } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { unitCode } from '../../session/session-storage';
import { poldaLocalToInstant } from './local-time';
import { EMPTY_PERSON, PersonFields, personBody, type PersonValues } from '../../components/PersonFields';
import { RecordedNotice } from './RecordedNotice';
import {
  companyBody,
  CompanyFields,
  OccurredAtField,
  placeBody,
  PlaceFieldset,
  type CompanyValues,
  type PlaceValues,
} from './ReportFields';
import { useRecording } from './submission';

interface SuspectValues extends CompanyValues {
  person: PersonValues;
  role: string;
  status: string;
}

interface ArrestValues extends PlaceValues {
  reportNumber: string;
  occurredAt: string;
  interceptionId: string;
  legalBasis: string;
  suspects: SuspectValues[];
}

const EMPTY_SUSPECT: SuspectValues = {
  person: EMPTY_PERSON,
  role: 'broker',
  status: 'detained',
  companyName: '',
  companyLicense: '',
};

/** The POST /v1/arrests body: the event's data without generated ids, blanks left out. */
export function arrestBody(polda: string, values: ArrestValues): Record<string, unknown> {
  const legalBasis = values.legalBasis
    .split(/\n|;/)
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    polda,
    ...(values.reportNumber.trim() ? { reportNumber: values.reportNumber.trim() } : {}),
    ...(values.occurredAt ? { occurredAt: poldaLocalToInstant(values.occurredAt, polda) } : {}),
    location: placeBody(values),
    ...(values.interceptionId.trim() ? { interceptionId: values.interceptionId.trim() } : {}),
    ...(legalBasis.length ? { legalBasis } : {}),
    suspects: values.suspects.map((s) => {
      const company = companyBody(s);
      return {
        person: personBody(s.person),
        role: s.role,
        status: s.status,
        ...(company ? { company } : {}),
      };
    }),
  };
}

/** The Polda desk's arrest report: suspects with their roles and companies; field errors inline. */
export function ArrestForm() {
  const session = useSignedIn();
  const polda = unitCode(session);
  const { t } = useLanguage();
  const { register, control, handleSubmit } = useForm<ArrestValues>({
    defaultValues: {
      reportNumber: '',
      occurredAt: '',
      locationName: '',
      regency: '',
      province: '',
      interceptionId: '',
      legalBasis: '',
      suspects: [EMPTY_SUSPECT],
    },
  });
  const suspects = useFieldArray({ control, name: 'suspects' });
  const recording = useRecording('/v1/arrests');
  const error = recording.error;

  return (
    <form
      className="card"
      noValidate
      onSubmit={handleSubmit((values) => recording.submit(arrestBody(polda, values)))}
      aria-labelledby="arrest-title"
    >
      <h1 id="arrest-title">{t('arrest.title')}</h1>
      <div className="row">
        <Field
          label={t('arrest.reportNumber')}
          path="reportNumber"
          error={error}
          required
          hint={t('arrest.reportNumberHint')}
        >
          {(props) => <input {...props} {...register('reportNumber')} data-testid="arrest-reportNumber" />}
        </Field>
        <OccurredAtField
          register={register}
          error={error}
          label={t('arrest.occurredAt')}
          testId="arrest-occurredAt"
        />
      </div>
      <PlaceFieldset register={register} error={error} testIdPrefix="arrest" />
      {suspects.fields.map((field, index) => (
        <fieldset key={field.id} className="repeat">
          <legend>{t('arrest.suspect', { number: index + 1 })}</legend>
          <PersonFields
            register={register}
            name={`suspects.${index}.person`}
            path={`suspects[${index}].person`}
            error={error}
          />
          <div className="row">
            <Field label={t('arrest.role')} path={`suspects[${index}].role`} error={error} required>
              {(props) => (
                <select {...props} {...register(`suspects.${index}.role`)}>
                  {SUSPECT_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`role.${role}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('arrest.status')} path={`suspects[${index}].status`} error={error} required>
              {(props) => (
                <select {...props} {...register(`suspects.${index}.status`)}>
                  {SUSPECT_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {t(`suspectStatus.${status}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <CompanyFields
              register={register}
              error={error}
              name={`suspects.${index}.`}
              path={`suspects[${index}].company`}
            />
          </div>
          {suspects.fields.length > 1 ? (
            <button type="button" className="button-quiet" onClick={() => suspects.remove(index)}>
              {t('arrest.removeSuspect')}
            </button>
          ) : null}
        </fieldset>
      ))}
      <button type="button" onClick={() => suspects.append(EMPTY_SUSPECT)}>
        {t('arrest.addSuspect')}
      </button>
      <div className="row">
        <Field
          label={t('arrest.interceptionId')}
          path="interceptionId"
          error={error}
          hint={t('arrest.interceptionIdHint')}
        >
          {(props) => <input {...props} {...register('interceptionId')} />}
        </Field>
        <Field
          label={t('arrest.legalBasis')}
          path="legalBasis"
          error={error}
          hint={t('arrest.legalBasisHint')}
        >
          {(props) => <textarea {...props} {...register('legalBasis')} rows={2} />}
        </Field>
      </div>
      <ErrorNotice error={error} />
      <RecordedNotice recorded={recording.recorded} />
      <button type="submit" className="button-primary" disabled={recording.busy} data-testid="arrest-submit">
        {t('arrest.submit')}
      </button>
    </form>
  );
}
