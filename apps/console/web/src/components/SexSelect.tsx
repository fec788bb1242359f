import type { SelectHTMLAttributes } from 'react';
import { SEXES } from '../api/contract-values';
import { useLanguage } from '../i18n/i18n';

/** Sex as the contract knows it (M, F), or not stated. */
export function SexSelect(props: SelectHTMLAttributes<HTMLSelectElement>) {
  const { t } = useLanguage();
  return (
    <select {...props}>
      <option value="">{t('form.notStated')}</option>
      {SEXES.map((sex) => (
        <option key={sex} value={sex}>
          {t(`sex.${sex}`)}
        </option>
      ))}
    </select>
  );
}
