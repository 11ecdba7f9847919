import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { verifications } from '../../domain/incident.ts';
import { api, query } from '../api/client.ts';
import type { Jcc, Page, SeenIncident } from '../api/types.ts';
import { isTearline } from '../api/types.ts';
import type { TimeWindow } from '../cop/time-window.ts';
import { ExportLinks } from '../export/export-links.tsx';
import { useFormat } from '../i18n/format.ts';
import { type LiveBatch, latestRecords } from '../live/live-stream.ts';
import { typeColour } from '../map/colours.ts';
import type { Focus } from '../map/focus.ts';
import { JccOptions } from '../reference/names.tsx';
import { casualtyTotal, typeCodes, typeLabel } from './incident-labels.ts';

interface Props {
  window: TimeWindow;
  jccs: readonly Jcc[];
  onOpen: (id: string) => void;
  onShow: (f: Focus) => void;
  live: LiveBatch | null;
}

const pageSize = 50;

interface Filters {
  q: string;
  type: string;
  jcc: string;
  verification: string;
  inGap: boolean;
}

const noFilters: Filters = { q: '', type: '', jcc: '', verification: '', inGap: false };

function filterParams(window: TimeWindow, f: Filters) {
  // A preset window ends now and keeps going: reports made after it was chosen still belong in it.
  const until = window.preset === 'custom' ? window.to : undefined;
  return {
    since: window.from,
    until,
    q: f.q,
    type: f.type,
    jcc: f.jcc,
    verification: f.verification,
    in_gap: f.inGap ? 'true' : undefined,
  };
}

function listPath(window: TimeWindow, f: Filters, cursor: string | null): string {
  return `/api/v1/incidents${query({ ...filterParams(window, f), limit: pageSize, cursor })}`;
}

/**
 * The incidents of the window the user may see, newest first, with full-text search and filters. Drawn again only
 * when its own inputs change, not with every change to the picture around it.
 */
export const IncidentList = memo(function IncidentList({ window, jccs, onOpen, onShow, live }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<Filters>(noFilters);
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const [items, setItems] = useState<SeenIncident[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    api<Page<SeenIncident>>(listPath(window, filters, null), { signal: abort.signal })
      .then((p) => {
        setItems(p.items);
        setNext(p.next);
        setError(null);
      })
      .catch((e: Error) => !abort.signal.aborted && setError(e.message))
      .finally(() => !abort.signal.aborted && setLoading(false));
    return () => abort.abort();
  }, [window, filters]);

  // A change the user may see joins the list at once when only the type is filtered; with a search or another
  // filter the server decides what matches, on the next search.
  useEffect(() => {
    if (!live || filters.q || filters.jcc || filters.verification || filters.inGap) return;
    const records = latestRecords(live).filter((r) => !filters.type || r.type === filters.type);
    if (!records.length) return;
    const ids = new Set(records.map((r) => r.id));
    setItems((list) => [...records, ...list.filter((x) => !ids.has(x.id))]);
  }, [live, filters]);

  async function more() {
    if (!next) return;
    setLoading(true);
    try {
      const p = await api<Page<SeenIncident>>(listPath(window, filters, next));
      setItems((list) => [...list, ...p.items]);
      setNext(p.next);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }

  return (
    <div className="incident-list">
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', q.trim());
        }}
      >
        <label className="visually-hidden" htmlFor="incident-search">
          {t('incidents.search')}
        </label>
        <input
          id="incident-search"
          type="search"
          placeholder={t('incidents.searchPlaceholder')}
          value={q}
          maxLength={200}
          onChange={(e) => setQ(e.target.value)}
          data-testid="incident-search"
        />
        <label className="visually-hidden" htmlFor="incident-type-filter">
          {t('incidents.type')}
        </label>
        <select
          id="incident-type-filter"
          value={filters.type}
          onChange={(e) => set('type', e.target.value)}
          data-testid="incident-type-filter"
        >
          <option value="">{t('incidents.allTypes')}</option>
          {typeCodes.map((c) => (
            <option key={c} value={c}>
              {typeLabel(t, c)}
            </option>
          ))}
        </select>
        <button type="submit">{t('incidents.searchButton')}</button>
        <details className="more-filters">
          <summary>{t('incidents.moreFilters')}</summary>
          <label>
            {t('incidents.jcc')}
            <select value={filters.jcc} onChange={(e) => set('jcc', e.target.value)} data-testid="incident-jcc-filter">
              <option value="">{t('incidents.allJccs')}</option>
              <JccOptions jccs={jccs} />
            </select>
          </label>
          <label>
            {t('detail.verification')}
            <select
              value={filters.verification}
              onChange={(e) => set('verification', e.target.value)}
              data-testid="incident-verification-filter"
            >
              <option value="">{t('incidents.anyVerification')}</option>
              {verifications.map((v) => (
                <option key={v} value={v}>
                  {t(`verification.${v}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={filters.inGap}
              onChange={(e) => set('inGap', e.target.checked)}
              data-testid="incident-in-gap-filter"
            />
            {t('incidents.inGapOnly')}
          </label>
        </details>
      </form>
      <ExportLinks filters={filterParams(window, filters)} />
      {error && (
        <p role="alert" className="error">
          {t('common.error', { message: error })}
        </p>
      )}
      {!loading && items.length === 0 && !error && <p className="muted">{t('incidents.none')}</p>}
      <ul className="items" data-testid="incident-list" aria-live="polite">
        {items.map((i) => {
          const total = casualtyTotal(i);
          const tear = isTearline(i);
          return (
            <li key={i.id} data-testid="incident-item" data-id={i.id} className={tear ? 'tearline' : ''}>
              <button type="button" className="item-main" onClick={() => onOpen(i.id)}>
                <span className="dot" style={{ background: typeColour(i.type) }} aria-hidden="true" />
                <span className="item-title">{typeLabel(t, i.type)}</span>
                <span className="item-meta">
                  {tear ? fmt.date(i.date) : fmt.dateTime(i.time)}
                  {' · '}
                  {tear ? (i.area ?? '') : (i.place ?? i.district ?? i.governorate ?? '')}
                </span>
                <span className="item-meta">
                  {t('incidents.casualtiesShort', {
                    killed: fmt.number(total.killed),
                    wounded: fmt.number(total.wounded),
                  })}
                  {tear && <span className="badge">{t('incidents.tearline')}</span>}
                </span>
              </button>
              <button
                type="button"
                className="link"
                onClick={() => onShow({ kind: 'point', lon: i.lon, lat: i.lat, zoom: 11 })}
                aria-label={t('common.showOnMapOf', { what: typeLabel(t, i.type) })}
              >
                {t('common.showOnMap')}
              </button>
            </li>
          );
        })}
      </ul>
      {next && (
        <button type="button" onClick={more} disabled={loading}>
          {t('incidents.more')}
        </button>
      )}
      {loading && <p className="muted">{t('common.loading')}</p>}
    </div>
  );
});
