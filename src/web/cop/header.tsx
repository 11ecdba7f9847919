import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types.ts';
import { useNames } from '../reference/names.tsx';
import { LanguageSelect } from './language-select.tsx';

/** The bar across the top: the product, who is signed in, the live state, the language and signing out. */
export function Header({
  me,
  onSignOut,
  connected,
  alerts,
}: {
  me: Me;
  onSignOut: () => void;
  connected: boolean;
  /** The alerts menu, beside who is signed in. */
  alerts?: ReactNode;
}) {
  const { t } = useTranslation();
  const names = useNames();
  return (
    <header className="header" data-testid="app-header">
      <h1 className="brand">{t('app.name')}</h1>
      <span className={connected ? 'live on' : 'live off'} data-testid="live-state" role="status">
        {connected ? t('header.live') : t('header.offline')}
      </span>
      <span className="spacer" />
      <span className="user" data-testid="current-user">
        <bdi>{me.username}</bdi> · {names.org(me.org)}
      </span>
      {alerts}
      <LanguageSelect />
      <button type="button" onClick={onSignOut} data-testid="logout">
        {t('header.signOut')}
      </button>
    </header>
  );
}
