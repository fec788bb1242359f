import { useLanguage } from '../../i18n/i18n';

/** The purpose of a personal-data read, stated on the page and sent with it (audited by the ministry). */
export function PurposeSelect({
  purposes,
  purpose,
  setPurpose,
  testId,
}: {
  purposes: readonly string[];
  purpose: string;
  setPurpose: (purpose: string) => void;
  testId?: string;
}) {
  const { t } = useLanguage();
  return (
    <label>
      {t('watchlist.readPurpose')}
      <select value={purpose} onChange={(e) => setPurpose(e.target.value)} data-testid={testId}>
        {purposes.map((p) => (
          <option key={p} value={p}>
            {t(`readPurpose.${p}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
