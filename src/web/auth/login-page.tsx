import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { LanguageSelect } from '../cop/language-select.tsx';

interface LoginAnswer {
  user: Omit<Me, 'csrf_token'>;
  csrf_token: string;
}

/** Sign in with a user name and password. */
export function LoginPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const a = await api<LoginAnswer>('/api/v1/auth/login', {
        method: 'POST',
        body: { username, password },
        quietUnauthorised: true,
      });
      onSignedIn({ ...a.user, csrf_token: a.csrf_token });
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? t('login.failed')
          : err instanceof ApiError && err.status === 429
            ? t('login.locked')
            : t('common.error', { message: err instanceof Error ? err.message : String(err) }),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <div className="login-lang">
        <LanguageSelect />
      </div>
      <form className="login-card" onSubmit={submit} data-testid="login-form">
        <h1>{t('app.name')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        <label htmlFor="username">{t('login.username')}</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
          maxLength={64}
          dir="ltr"
        />
        <label htmlFor="password">{t('login.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          maxLength={256}
          dir="ltr"
        />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} data-testid="login-submit">
          {busy ? t('login.signingIn') : t('login.signIn')}
        </button>
      </form>
    </main>
  );
}
