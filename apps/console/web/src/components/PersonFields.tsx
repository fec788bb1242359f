import type { UseFormRegisterReturn } from 'react-hook-form';
import type { ApiError } from '../api/errors';
import { useLanguage } from '../i18n/i18n';
import { Field } from './Field';
import { SexSelect } from './SexSelect';

/**
 * A form's `register`, taken by field name: shared field groups live in forms of different value
 * types, and register their fields under a prefix given by the form.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RegisterByName = (name: any) => UseFormRegisterReturn;

export interface PersonValues {
  fullName: string;
  nik: string;
  passportNumber: string;
  dateOfBirth: string;
  sex: string;
}

export const EMPTY_PERSON: PersonValues = {
  fullName: '',
  nik: '',
  passportNumber: '',
  dateOfBirth: '',
  sex: '',
};

/** A Person as the contract wants it: blanks left out. */
export function personBody(values: PersonValues): Record<string, string> {
  // A blank name is left out, so the service says it is required (not that it is too short).
  const person: Record<string, string> = {};
  if (values.fullName.trim()) person.fullName = values.fullName.trim();
  if (values.nik.trim()) person.nik = values.nik.trim();
  if (values.passportNumber.trim()) person.passportNumber = values.passportNumber.trim().toUpperCase();
  if (values.dateOfBirth) person.dateOfBirth = values.dateOfBirth;
  if (values.sex) person.sex = values.sex;
  return person;
}

/** A person's fields in a list (`suspects.0.person`), errors matched to the request path (`suspects[0].person`). */
export function PersonFields({
  register,
  name,
  path,
  error,
}: {
  register: RegisterByName;
  name: string;
  path: string;
  error?: ApiError;
}) {
  const { t } = useLanguage();
  return (
    <>
      <Field label={t('person.fullName')} path={`${path}.fullName`} error={error} required>
        {(props) => <input {...props} {...register(`${name}.fullName`)} autoComplete="off" />}
      </Field>
      <div className="row">
        <Field label={t('person.nik')} path={`${path}.nik`} error={error}>
          {(props) => (
            <input
              {...props}
              {...register(`${name}.nik`)}
              inputMode="numeric"
              maxLength={16}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label={t('person.passportNumber')} path={`${path}.passportNumber`} error={error}>
          {(props) => <input {...props} {...register(`${name}.passportNumber`)} autoComplete="off" />}
        </Field>
        <Field label={t('person.dateOfBirth')} path={`${path}.dateOfBirth`} error={error}>
          {(props) => <input {...props} type="date" {...register(`${name}.dateOfBirth`)} />}
        </Field>
        <Field label={t('person.sex')} path={`${path}.sex`} error={error}>
          {(props) => <SexSelect {...props} {...register(`${name}.sex`)} />}
        </Field>
      </div>
    </>
  );
}
