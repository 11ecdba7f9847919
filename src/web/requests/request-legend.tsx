import { useTranslation } from 'react-i18next';
import { supportRequestPriorities } from '../../domain/support-request.ts';
import { priorityColours } from './request-map.ts';

/** The legend of the requests layer: one colour per priority; an open request is drawn larger, an overdue one ringed dark. */
export function RequestLegend() {
  const { t } = useTranslation();
  return (
    <>
      <p className="legend-title">{t('requests.legend')}</p>
      <ul className="legend" data-testid="request-legend">
        {supportRequestPriorities.map((p) => (
          <li key={p}>
            <span className="swatch round" style={{ background: priorityColours[p] }} aria-hidden="true" />
            {t(`requests.priorities.${p}`)}
          </li>
        ))}
        <li>
          <span className="swatch round overdue-swatch" aria-hidden="true" />
          {t('requests.overdue')}
        </li>
      </ul>
    </>
  );
}
