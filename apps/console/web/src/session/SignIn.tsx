import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { homeOf, LanguageToggle } from '../components/Layout';
import { useLanguage } from '../i18n/i18n';
import { useSession } from './session';

/**
 * Sign-in with the unit's token and the officer's own id. The token is checked with the services
 * (GET /v1/me) before it is kept, in this tab's session storage only.
 */
export function SignIn() {
  const { t } = useLanguage();
  const { signIn, refused } = useSession();
  const navigate = useNavigate();
  const [token, setToken] = useState('');
  const [officer, setOfficer] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const session = await signIn(token.trim(), officer.trim());
      navigate(homeOf(session.kind), { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <div className="sign-in-head">
          <h1>Simpul</h1>
          <LanguageToggle />
        </div>
        <p className="lead">{t('signIn.lead')}</p>
        {refused ? (
          <p className="notice notice-error" role="alert" data-testid="session-refused">
            ⚠ {t('signIn.refused')}
          </p>
        ) : null}
        <form onSubmit={submit} noValidate>
          <Field label={t('signIn.token')} path="token" required hint={t('signIn.tokenHint')}>
            {(props) => (
              <input
                {...props}
                type="password"
                autoComplete="off"
                value={token}
                onChange={(e) => setToken(e.target.value)}
                required
                data-testid="sign-in-token"
              />
            )}
          </Field>
          <Field label={t('signIn.officer')} path="officer" required hint={t('signIn.officerHint')}>
            {(props) => (
              <input
                {...props}
                value={officer}
                maxLength={120}
                onChange={(e) => setOfficer(e.target.value)}
                required
                data-testid="sign-in-officer"
              />
            )}
          </Field>
          <ErrorNotice error={error} />
          <button
            type="submit"
            className="button-primary"
            disabled={busy || !token.trim() || !officer.trim()}
            data-testid="sign-in-submit"
          >
            {t('signIn.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}
