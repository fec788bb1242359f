import { ApiError } from '../api/errors';
import { useLanguage } from '../i18n/i18n';

/**
 * What went wrong, in words an officer can act on: a refused token (401), a unit without the right
 * (403), input to correct (400, the fields say which), a service out of reach.
 */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useLanguage();
  if (!error) return null;
  const key =
    error instanceof ApiError
      ? error.status === 0 || error.status === 502
        ? 'errors.unreachable'
        : error.status === 401
          ? 'errors.unauthorized'
          : error.status === 403
            ? 'errors.forbidden'
            : error.status === 404
              ? 'errors.notFound'
              : error.status === 400
                ? 'errors.invalid'
                : error.status === 409
                  ? 'errors.conflict'
                  : 'errors.server'
      : 'errors.server';
  return (
    <div className="notice notice-error" role="alert">
      <strong>⚠ {t('errors.title')}</strong> {t(key)}
      {error instanceof ApiError && error.code ? <span className="code"> ({error.code})</span> : null}
    </div>
  );
}
