import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SitrepLanguage, sitrepLanguages } from '../../domain/sitrep.ts';
import { languages } from '../i18n/i18n.ts';
import { reportLanguage, reportUrl } from './sitrep-rules.ts';
import type { SitrepSummary } from './sitrep-types.ts';

// File formats are named the same in every language.
const downloadFormats = { pdf: 'PDF', html: 'HTML', md: 'Markdown' } as const;

/**
 * The report as the server renders it, in a sandboxed frame (nothing in it runs), and its files to download, in the
 * language chosen here (the interface's by default).
 */
export function SitrepPreview({ sitrep }: { sitrep: SitrepSummary }) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState<SitrepLanguage | null>(null);
  const lang = chosen ?? reportLanguage(i18n.language);
  const name = (code: string) => languages.find((l) => l.code === code)?.name ?? code;
  return (
    <div className="sitrep-preview">
      <div className="sitrep-downloads" data-testid="sitrep-downloads">
        <label>
          {t('reports.language')}
          <select
            value={lang}
            onChange={(e) => setChosen(e.target.value as SitrepLanguage)}
            data-testid="sitrep-language"
          >
            {sitrepLanguages.map((l) => (
              <option key={l} value={l} lang={l}>
                {name(l)}
              </option>
            ))}
          </select>
        </label>
        <a href={reportUrl(sitrep.id, 'html', lang)} target="_blank" rel="noopener" data-testid="sitrep-open">
          {t('reports.openFull')}
        </a>
        <span>{t('reports.download')}</span>
        {Object.entries(downloadFormats).map(([format, label]) => (
          <a
            key={format}
            className="button"
            href={reportUrl(sitrep.id, format as keyof typeof downloadFormats, lang, true)}
            download
            data-testid={`sitrep-download-${format}`}
          >
            {label}
          </a>
        ))}
      </div>
      <iframe
        // A new version is a new page: the frame loads it again.
        key={`${sitrep.id}-${sitrep.version}-${lang}`}
        className="sitrep-frame"
        title={t('reports.preview')}
        src={reportUrl(sitrep.id, 'html', lang)}
        sandbox=""
        referrerPolicy="no-referrer"
        data-testid="sitrep-preview"
      />
    </div>
  );
}
