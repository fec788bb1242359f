import type { ApiError } from '../../api/errors';
import { Field } from '../../components/Field';
import type { RegisterByName } from '../../components/PersonFields';
import { useLanguage } from '../../i18n/i18n';

/** Where it happened, as both police reports carry it (`location`). */
export interface PlaceValues {
  locationName: string;
  regency: string;
  province: string;
}

/** A company as both reports name it (a suspect's company, a departure's placement company). */
export interface CompanyValues {
  companyName: string;
  companyLicense: string;
}

export function placeBody(values: PlaceValues): Record<string, string> {
  const location: Record<string, string> = {};
  if (values.locationName.trim()) location.name = values.locationName.trim();
  if (values.regency.trim()) location.regency = values.regency.trim();
  if (values.province.trim()) location.province = values.province.trim();
  return location;
}

/** The company object, or undefined when no name was given. */
export function companyBody(values: CompanyValues): Record<string, string> | undefined {
  if (!values.companyName.trim()) return undefined;
  return {
    name: values.companyName.trim(),
    ...(values.companyLicense.trim() ? { licenseNumber: values.companyLicense.trim() } : {}),
  };
}

export function PlaceFieldset({
  register,
  error,
  testIdPrefix,
}: {
  register: RegisterByName;
  error?: ApiError;
  testIdPrefix: string;
}) {
  const { t } = useLanguage();
  return (
    <fieldset>
      <legend>{t('place.location')}</legend>
      <div className="row">
        <Field label={t('place.name')} path="location.name" error={error} required>
          {(props) => (
            <input {...props} {...register('locationName')} data-testid={`${testIdPrefix}-locationName`} />
          )}
        </Field>
        <Field label={t('place.regency')} path="location.regency" error={error}>
          {(props) => <input {...props} {...register('regency')} />}
        </Field>
        <Field label={t('place.province')} path="location.province" error={error}>
          {(props) => <input {...props} {...register('province')} />}
        </Field>
      </div>
    </fieldset>
  );
}

/** Company name and licence fields; `name` is the form prefix, `path` the request path of the company object. */
export function CompanyFields({
  register,
  error,
  name,
  path,
}: {
  register: RegisterByName;
  error?: ApiError;
  name: string;
  path: string;
}) {
  const { t } = useLanguage();
  return (
    <>
      <Field label={t('company.name')} path={`${path}.name`} error={error}>
        {(props) => <input {...props} {...register(`${name}companyName`)} />}
      </Field>
      <Field label={t('company.license')} path={`${path}.licenseNumber`} error={error}>
        {(props) => <input {...props} {...register(`${name}companyLicense`)} />}
      </Field>
    </>
  );
}

/** When it happened, typed in the Polda's own zone (`occurredAt`). */
export function OccurredAtField({
  register,
  error,
  label,
  testId,
}: {
  register: RegisterByName;
  error?: ApiError;
  label: string;
  testId: string;
}) {
  const { t } = useLanguage();
  return (
    <Field label={label} path="occurredAt" error={error} required hint={t('form.localTime')}>
      {(props) => <input {...props} type="datetime-local" {...register('occurredAt')} data-testid={testId} />}
    </Field>
  );
}
