// The login page.
import { useState, type FormEvent } from 'react';
import { ApiError, login, type Me } from '../api/client';
import { useI18n } from '../i18n';
import { setParams } from '../state/url';

/** Returns the login form; calls onSignedIn with the user. */
export function LoginPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t, lang } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await login(username.trim(), password));
    } catch (err) {
      setError(
        err instanceof ApiError ? (lang === 'ja' ? err.messageJa : err.message) : String(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <div className="login-panel">
        <div className="login-brand">
          <svg viewBox="0 0 32 32" width="40" height="40" aria-hidden>
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
          <div>
            <div className="brand-name big">{t('app_name')}</div>
            <div className="brand-sub">kenshin</div>
          </div>
        </div>
        <h1>{t('login_title')}</h1>
        <p className="muted">{t('login_sub')}</p>
        <form onSubmit={submit} className="form">
          <label>
            <span>{t('username')}</span>
            <input
              name="username"
              autoComplete="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
              autoFocus
            />
          </label>
          <label>
            <span>{t('password')}</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </label>
          {error && (
            <div className="form-error" role="alert" data-testid="login-error">
              {error}
            </div>
          )}
          <button
            className="btn primary wide"
            type="submit"
            disabled={busy}
            data-testid="login-submit"
          >
            {t('sign_in')}
          </button>
        </form>
        <button
          className="btn link"
          onClick={() => setParams({ lang: lang === 'ja' ? 'en' : null })}
        >
          {t('language')}
        </button>
      </div>
      <div className="login-art" aria-hidden>
        <div className="login-quote">
          <div className="eq">年商 = 年間LTV × 稼働顧客数</div>
          <div className="eq-sub">Revenue = annual LTV × active customers</div>
        </div>
      </div>
    </div>
  );
}
