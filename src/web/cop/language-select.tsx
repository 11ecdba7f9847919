import { useTranslation } from 'react-i18next';
import { type Language, languages, setLanguage } from '../i18n/i18n.ts';

/** The interface language; the choice is remembered in this browser. */
export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-select">
      <span className="visually-hidden">{t('header.language')}</span>
      <select
        value={i18n.language}
        onChange={(e) => void setLanguage(e.target.value as Language)}
        data-testid="language-select"
        aria-label={t('header.language')}
      >
        {languages.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
