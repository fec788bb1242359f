import { NavLink, Outlet } from 'react-router';
import { chooseLanguage, useLanguage } from '../i18n/i18n';
import { useSession } from '../session/session';
import type { Session } from '../session/session-storage';

const NAV: Record<Session['kind'], { to: string; key: string }[]> = {
  ministry: [
    { to: '/ministry/alerts', key: 'nav.alerts' },
    { to: '/ministry/watchlist', key: 'nav.watchlist' },
    { to: '/ministry/companies', key: 'nav.companies' },
    { to: '/ministry/dashboard', key: 'nav.dashboard' },
    { to: '/ministry/patrol', key: 'nav.patrol' },
    { to: '/ministry/dispatches', key: 'nav.dispatches' },
    { to: '/ministry/referrals', key: 'nav.referrals' },
  ],
  checkpoint: [{ to: '/checkpoint/screen', key: 'nav.screening' }],
  polda: [
    { to: '/polda/arrest', key: 'nav.recordArrest' },
    { to: '/polda/interception', key: 'nav.recordInterception' },
    { to: '/polda/records', key: 'nav.records' },
    { to: '/polda/matches', key: 'nav.matches' },
    { to: '/polda/leads', key: 'nav.leads' },
  ],
};

/** The language button names the other language, in that language (DESIGN §12). */
export function LanguageToggle() {
  const { language } = useLanguage();
  const other = language === 'id' ? 'en' : 'id';
  return (
    <button type="button" className="button-quiet" lang={other} onClick={() => chooseLanguage(other)}>
      {other === 'en' ? 'English' : 'Bahasa Indonesia'}
    </button>
  );
}

/** Every desk's frame: who is signed in, the desk's pages, the language and sign-out. */
export function Layout() {
  const { session, signOut } = useSession();
  const { t } = useLanguage();
  if (!session) return null;
  return (
    <div className="frame">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top">
        <div className="brand">
          <span className="brand-name">Simpul</span>
          <span className="brand-desk">{t(`desk.${session.kind}`)}</span>
        </div>
        <div className="who" data-testid="signed-in-unit">
          <span>{session.name}</span>
          <span className="unit-id">{session.unit}</span>
          <span className="unit-id">
            {t('signIn.officer')}: {session.officer}
          </span>
        </div>
        <div className="top-actions">
          <LanguageToggle />
          <button type="button" className="button-quiet" onClick={signOut}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <nav className="desk-nav" aria-label={t('nav.label')}>
        {NAV[session.kind].map((item) => (
          <NavLink key={item.to} to={item.to}>
            {t(item.key)}
          </NavLink>
        ))}
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

/** The first page of each desk. */
export function homeOf(kind: Session['kind']): string {
  return NAV[kind][0].to;
}
