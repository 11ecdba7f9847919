import { useTranslation } from 'react-i18next';
import { query } from '../api/client.ts';

// File formats are named the same in every language.
export const exportFormats = { geojson: 'GeoJSON', csv: 'CSV', kml: 'KML' } as const;

/** The export of the incidents matching the list's filters, one download link per format. */
export function ExportLinks({ filters }: { filters: Record<string, string | number | undefined> }) {
  const { t } = useTranslation();
  return (
    <p className="export-links" data-testid="export-links">
      <span>{t('export.label')}</span>
      {Object.entries(exportFormats).map(([format, name]) => (
        <a
          key={format}
          className="button"
          href={`/api/v1/incidents/export${query({ ...filters, format })}`}
          download
          data-testid={`export-${format}`}
          title={t('export.hint')}
        >
          {name}
        </a>
      ))}
    </p>
  );
}
