import i18next from 'i18next';
import { useId, type ReactNode } from 'react';
import type { ApiError } from '../api/errors';
import { useLanguage } from '../i18n/i18n';

/** The field problems of `path` in the officer's language: the rule's wording, never the value. */
export function useProblemText(): (error: ApiError | undefined, path: string) => string[] {
  const { t } = useLanguage();
  return (error, path) =>
    (error?.problemsAt(path) ?? []).map((problem) =>
      // A rule this console has no words for yet is named, not dropped (and not a missing key).
      i18next.exists(`rules.${problem.rule}`)
        ? t(`rules.${problem.rule}`)
        : t('rules.other', { rule: problem.rule }),
    );
}

interface FieldProps {
  label: string;
  /** The request path the services name in their errors (`suspects[0].person.fullName`). */
  path: string;
  error?: ApiError;
  hint?: string;
  required?: boolean;
  /** A stable id for the input (a page that moves focus to it); one is made up otherwise. */
  id?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}

/**
 * A labelled form field with its problems below it, tied to the input for screen readers: the
 * contract's rules, as the service reported them, shown where the officer types.
 */
export function Field({ label, path, error, hint, required, id: givenId, children }: FieldProps) {
  const madeId = useId();
  const id = givenId ?? madeId;
  const { t } = useLanguage();
  const problems = useProblemText()(error, path);
  const describedBy = [hint ? `${id}-hint` : '', problems.length ? `${id}-problems` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field${problems.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required"> ({t('form.required')})</span> : null}
      </label>
      {children({ id, 'aria-invalid': problems.length > 0, 'aria-describedby': describedBy || undefined })}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {problems.length ? (
        <ul className="problems" id={`${id}-problems`} role="alert">
          {problems.map((text) => (
            <li key={text}>⚠ {text}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
