// The application shell: asks who is signed in, shows the login page or the dashboard with its
// navigation, top bar (date, language, user) and the page of the URL.
import { useEffect, useState } from 'react';
import { logout, refreshCsrf, type Me } from './api/client';
import { SessionContext, can } from './state/session';
import { hrefOf, navigate, setParams, useLocation } from './state/url';
import { useApi, invalidate } from './state/data';
import { langOf, makeI18n, useI18n } from './i18n';
import { PAGES, pageOf } from './pages/routes';
import { LoginPage } from './pages/Login';

/** Returns the dashboard, or the login page when nobody is signed in. */
export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const { query } = useLocation();
  const { t } = makeI18n(langOf(query));

  useEffect(() => {
    refreshCsrf().then(setMe, () => setMe(null));
    const out = () => {
      invalidate();
      setMe(null);
    };
    window.addEventListener('kenshin:signed-out', out);
    return () => window.removeEventListener('kenshin:signed-out', out);
  }, []);

  useEffect(() => {
    document.documentElement.lang = langOf(query);
    document.title = `${t('app_name')} · kenshin`;
  });

  if (me === undefined) return <div className="boot">{t('loading')}</div>;
  if (me === null) return <LoginPage onSignedIn={setMe} />;
  const signOut = async () => {
    await logout().catch(() => undefined);
    invalidate();
    setMe(null);
  };
  return (
    <SessionContext.Provider value={{ me, signOut }}>
      <Shell me={me} signOut={signOut} />
    </SessionContext.Provider>
  );
}

/** The sidebar, top bar and current page. */
function Shell({ me, signOut }: { me: Me; signOut: () => Promise<void> }) {
  const { path } = useLocation();
  const { t } = useI18n();
  const page = pageOf(path);
  const Page = page.component;
  const groups = [...new Set(PAGES.map((p) => p.group))];
  // Below 768 px the navigation folds into a menu button; it closes again on every move.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);
  // Braces matter: newer Chromium returns a Promise from scrollTo, which React would take for a cleanup.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [path]);
  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        {t('skip_to_content')}
      </a>
      <aside className="sidebar">
        <a
          className="brand"
          href={hrefOf('/')}
          onClick={(e) => {
            e.preventDefault();
            navigate('/');
          }}
        >
          <span className="brand-mark" aria-hidden>
            <svg viewBox="0 0 32 32" width="28" height="28">
              <rect width="32" height="32" rx="8" fill="#2c5e7a" />
              <path
                d="M8 17h4l2.5-6 3 11 2.3-5H24"
                stroke="#fff"
                strokeWidth="2.4"
                fill="none"
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            </svg>
          </span>
          <span>
            <span className="brand-name">{t('app_name')}</span>
            <span className="brand-sub">kenshin</span>
          </span>
        </a>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="site-nav"
          data-testid="menu-toggle"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden>{menuOpen ? '✕' : '☰'}</span> {menuOpen ? t('menu_close') : t('menu')}
        </button>
        <nav id="site-nav" className={menuOpen ? 'open' : ''} aria-label={t('menu')}>
          {groups.map((g) => {
            const items = PAGES.filter((p) => p.group === g && can(me, p.role));
            if (!items.length) return null;
            return (
              <div className="nav-group" key={g}>
                <div className="nav-group-title">{t(g)}</div>
                {items.map((p) => (
                  <a
                    key={p.path}
                    href={hrefOf(p.path)}
                    className={`nav-item ${p === page ? 'active' : ''}`}
                    aria-current={p === page ? 'page' : undefined}
                    data-nav={p.path}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(p.path);
                    }}
                  >
                    <span className="nav-icon" aria-hidden>
                      {p.icon}
                    </span>
                    {t(p.title)}
                  </a>
                ))}
              </div>
            );
          })}
        </nav>
      </aside>
      <div className="main">
        <TopBar me={me} signOut={signOut} />
        <main className="content" id="content" tabIndex={-1} data-page={page.path}>
          <Page />
        </main>
      </div>
    </div>
  );
}

/** Date picker over the stored checkups, language switch and the user. */
function TopBar({ me, signOut }: { me: Me; signOut: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const dates = useApi<{ checkups: { as_of: string; computed_at: string }[] }>('/api/checkups');
  const d = query.get('d') ?? '';
  const list = dates.data?.checkups ?? [];
  return (
    <header className="topbar">
      <label className="asof">
        <span>{t('as_of')}</span>
        <select
          value={d}
          onChange={(e) => setParams({ d: e.target.value || null }, false)}
          data-testid="asof-select"
        >
          <option value="">{list[0] ? `${list[0].as_of} (${t('latest')})` : t('latest')}</option>
          {list.slice(1).map((c) => (
            <option key={c.as_of} value={c.as_of}>
              {c.as_of}
            </option>
          ))}
        </select>
      </label>
      <div className="topbar-right">
        <button
          className="btn ghost small lang-switch"
          data-testid="lang-switch"
          onClick={() => setParams({ lang: lang === 'ja' ? 'en' : null }, false)}
        >
          {t('language')}
        </button>
        <span className="user">
          <span className="avatar" aria-hidden>
            {me.username.slice(0, 1).toUpperCase()}
          </span>
          <span>
            {me.username}
            <span className="role">{t(`role_${me.role}`)}</span>
          </span>
        </span>
        <button className="btn ghost small" onClick={() => void signOut()} data-testid="sign-out">
          {t('sign_out')}
        </button>
      </div>
    </header>
  );
}
