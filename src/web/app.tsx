import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, setCsrfToken, whenSignedOut } from './api/client.ts';
import type { Me } from './api/types.ts';
import { LoginPage } from './auth/login-page.tsx';
import { CopPage } from './cop/cop-page.tsx';

/** The app: the sign-in page until a session exists, then the common operating picture. */
export function App() {
  const { t } = useTranslation();
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    whenSignedOut(() => setMe(null));
    api<Me>('/api/v1/auth/me', { quietUnauthorised: true })
      .then((m) => {
        setCsrfToken(m.csrf_token);
        setMe(m);
      })
      .catch(() => setMe(null));
  }, []);

  const signedIn = useCallback((m: Me) => {
    setCsrfToken(m.csrf_token);
    setMe(m);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api('/api/v1/auth/logout', { method: 'POST' });
    } finally {
      setCsrfToken(null);
      setMe(null);
    }
  }, []);

  if (me === undefined) return <p className="loading">{t('common.loading')}</p>;
  if (me === null) return <LoginPage onSignedIn={signedIn} />;
  return <CopPage me={me} onSignOut={signOut} />;
}
