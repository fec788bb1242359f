import { useLanguage } from '../../i18n/i18n';
import type { Recorded } from './submission';

export function RecordedNotice({ recorded }: { recorded: Recorded | undefined }) {
  const { t } = useLanguage();
  if (!recorded) return null;
  return (
    <p
      className="notice notice-ok"
      role="status"
      data-testid="recorded"
      data-record-id={recorded.id}
      data-event-id={recorded.eventId}
    >
      ✓ {t('form.recorded')} <span className="mono">{recorded.id}</span> ({t('form.eventId')}{' '}
      <span className="mono">{recorded.eventId}</span>)
    </p>
  );
}
