import { useTranslation } from 'react-i18next';
import type { Jcc } from '../api/types.ts';
import { useFormat } from '../i18n/format.ts';
import { JccOptions, useNames } from '../reference/names.tsx';
import { audienceLabel } from './sitrep-labels.ts';
import type { SitrepFilters } from './sitrep-rules.ts';
import type { SitrepsState } from './use-sitreps.ts';

interface Props {
  jccs: readonly Jcc[];
  filters: SitrepFilters;
  onFilters: (f: SitrepFilters) => void;
  sitreps: SitrepsState;
  onOpen: (id: string) => void;
}

/** The reports the reader may see, newest first, filtered by JCC and state; each opens its preview. */
export function SitrepList({ jccs, filters, onFilters, sitreps, onOpen }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const names = useNames();
  const { items, loading } = sitreps;
  return (
    <>
      <div className="sitrep-filters">
        <label>
          {t('reports.jcc')}
          <select
            value={filters.jcc}
            onChange={(e) => onFilters({ ...filters, jcc: e.target.value })}
            data-testid="sitrep-filter-jcc"
          >
            <option value="">{t('reports.anyJcc')}</option>
            <JccOptions jccs={jccs} />
          </select>
        </label>
        <label>
          {t('reports.state')}
          <select
            value={filters.state}
            onChange={(e) => onFilters({ ...filters, state: e.target.value as SitrepFilters['state'] })}
            data-testid="sitrep-filter-state"
          >
            <option value="">{t('reports.anyState')}</option>
            <option value="draft">{t('reports.states.draft')}</option>
            <option value="released">{t('reports.states.released')}</option>
          </select>
        </label>
      </div>
      {loading && items.length === 0 ? (
        <p className="muted">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="muted" data-testid="sitreps-empty">
          {t('reports.none')}
        </p>
      ) : (
        <ul className="sitrep-list" data-testid="sitrep-list">
          {items.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className={`sitrep-item ${s.state}`}
                onClick={() => onOpen(s.id)}
                data-testid="sitrep-item"
                data-id={s.id}
                data-state={s.state}
                data-audience={s.audience}
              >
                <span className="sitrep-title">
                  <strong>
                    {t('reports.title', { jcc: `\u2068${names.jcc(s.jcc)}\u2069`, number: fmt.number(s.number) })}
                  </strong>{' '}
                  <span className={`state-badge ${s.state}`}>{t(`reports.states.${s.state}`)}</span>
                  {s.corrects && <span className="sitrep-correction">{t('reports.correction')}</span>}
                </span>
                <span className="sitrep-meta">
                  {fmt.dateTime(s.period_from)} – {fmt.dateTime(s.period_to)}
                </span>
                <span className="sitrep-meta">
                  {audienceLabel(t, names, s)}
                  {s.released_at && <> · {t('reports.releasedAt', { time: fmt.dateTime(s.released_at) })}</>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {sitreps.more && (
        <button type="button" className="link" onClick={sitreps.loadMore} disabled={loading} data-testid="sitrep-more">
          {t('reports.more')}
        </button>
      )}
    </>
  );
}
