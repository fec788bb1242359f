import { useFieldArray, useForm } from 'react-hook-form';
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

interface CandidateValues {
  person: PersonValues;
  minor: boolean;
}

interface InterceptionValues extends PlaceValues, CompanyValues {
  occurredAt: string;
  exitPoint: string;
  destinationCountry: string;
  candidateCount: string;
  suspectsArrested: string;
  candidates: CandidateValues[];
}

/** The POST /v1/interceptions body (a foiled departure): the event's data without generated ids. */
export function interceptionBody(polda: string, values: InterceptionValues): Record<string, unknown> {
  const company = companyBody(values);
  const route: Record<string, string> = {};
  if (values.exitPoint.trim()) route.exitPoint = values.exitPoint.trim();
  if (values.destinationCountry.trim())
    route.destinationCountry = values.destinationCountry.trim().toUpperCase();
  const count = values.candidateCount.trim() === '' ? undefined : Number(values.candidateCount);
  const arrested = values.suspectsArrested.trim() === '' ? undefined : Number(values.suspectsArrested);
  return {
    polda,
    ...(values.occurredAt ? { occurredAt: poldaLocalToInstant(values.occurredAt, polda) } : {}),
    location: placeBody(values),
    route,
    candidates: values.candidates.map((c) => ({
      person: personBody(c.person),
      ...(c.minor ? { minor: true } : {}),
    })),
    ...(count === undefined ? {} : { candidateCount: count }),
    ...(company ? { placementCompany: company } : {}),
    ...(arrested === undefined ? {} : { suspectsArrested: arrested }),
  };
}

/** The Polda desk's foiled-departure report: the candidates, their count and the route. */
export function InterceptionForm() {
  const session = useSignedIn();
  const polda = unitCode(session);
  const { t } = useLanguage();
  const { register, control, handleSubmit } = useForm<InterceptionValues>({
    defaultValues: {
      occurredAt: '',
      locationName: '',
      regency: '',
      province: '',
      exitPoint: '',
      destinationCountry: '',
      candidateCount: '',
      companyName: '',
      companyLicense: '',
      suspectsArrested: '',
      candidates: [{ person: EMPTY_PERSON, minor: false }],
    },
  });
  const candidates = useFieldArray({ control, name: 'candidates' });
  const recording = useRecording('/v1/interceptions');
  const error = recording.error;

  return (
    <form
      className="card"
      noValidate
      onSubmit={handleSubmit((values) => recording.submit(interceptionBody(polda, values)))}
      aria-labelledby="interception-title"
    >
      <h1 id="interception-title">{t('interception.title')}</h1>
      <OccurredAtField
        register={register}
        error={error}
        label={t('interception.occurredAt')}
        testId="interception-occurredAt"
      />
      <PlaceFieldset register={register} error={error} testIdPrefix="interception" />
      <fieldset>
        <legend>{t('interception.route')}</legend>
        <div className="row">
          <Field
            label={t('interception.exitPoint')}
            path="route.exitPoint"
            error={error}
            hint={t('interception.exitPointHint')}
          >
            {(props) => <input {...props} {...register('exitPoint')} data-testid="interception-exitPoint" />}
          </Field>
          <Field
            label={t('interception.destinationCountry')}
            path="route.destinationCountry"
            error={error}
            required
            hint={t('screening.destinationHint')}
          >
            {(props) => (
              <input
                {...props}
                {...register('destinationCountry')}
                maxLength={3}
                data-testid="interception-destinationCountry"
              />
            )}
          </Field>
        </div>
      </fieldset>
      {candidates.fields.map((field, index) => (
        <fieldset key={field.id} className="repeat">
          <legend>{t('interception.candidate', { number: index + 1 })}</legend>
          <PersonFields
            register={register}
            name={`candidates.${index}.person`}
            path={`candidates[${index}].person`}
            error={error}
          />
          <label className="inline-check">
            <input type="checkbox" {...register(`candidates.${index}.minor`)} />
            {t('interception.minor')}
          </label>
          {candidates.fields.length > 1 ? (
            <button type="button" className="button-quiet" onClick={() => candidates.remove(index)}>
              {t('interception.removeCandidate')}
            </button>
          ) : null}
        </fieldset>
      ))}
      <button type="button" onClick={() => candidates.append({ person: EMPTY_PERSON, minor: false })}>
        {t('interception.addCandidate')}
      </button>
      <div className="row">
        <Field
          label={t('interception.candidateCount')}
          path="candidateCount"
          error={error}
          required
          hint={t('interception.candidateCountHint')}
        >
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              {...register('candidateCount')}
              data-testid="interception-candidateCount"
            />
          )}
        </Field>
        <Field label={t('interception.suspectsArrested')} path="suspectsArrested" error={error}>
          {(props) => <input {...props} type="number" min={0} {...register('suspectsArrested')} />}
        </Field>
      </div>
      <div className="row">
        <CompanyFields register={register} error={error} name="" path="placementCompany" />
      </div>
      <ErrorNotice error={error} />
      <RecordedNotice recorded={recording.recorded} />
      <button
        type="submit"
        className="button-primary"
        disabled={recording.busy}
        data-testid="interception-submit"
      >
        {t('interception.submit')}
      </button>
    </form>
  );
}
