import { useTranslation } from 'react-i18next';
import type { GapReport } from '../api/types.ts';
import type { TimeWindow } from '../cop/time-window.ts';
import { useFormat } from '../i18n/format.ts';
import { boundsOf, type Focus } from '../map/focus.ts';
import { useNames } from '../reference/names.tsx';
import { TrendChart } from './trend-chart.tsx';
import { useGapTrend } from './use-gap-report.ts';

interface Props {
  window: TimeWindow;
  report: GapReport | null;
  loading: boolean;
  error: string | null;
  onShow: (f: Focus) => void;
}

/** Where nobody covers the ground in the window, whether that is improving, the corridors and where to put checkpoints. */
export function GapPanel({ window, report: r, loading, error, onShow }: Props) {
  const { t } = useTranslation();
  const names = useNames();
  const fmt = useFormat();
  const trend = useGapTrend(window.to);
  const change = trendChange(trend.series);

  return (
    <div className="gap-panel" data-testid="gap-panel">
      <h2>{t('gaps.title')}</h2>
      {error && (
        <p role="alert" className="error">
          {t('common.error', { message: error })}
        </p>
      )}
      {loading && !r && <p className="muted">{t('gaps.computing')}</p>}
      {r && (
        <>
          <dl className="figures">
            <div>
              <dt>{t('gaps.uncovered')}</dt>
              <dd data-testid="gap-uncovered-km2">
                {t('gaps.km2', { value: fmt.number(r.uncovered_km2) })}
                <small> ({fmt.percent(r.uncovered_share)})</small>
              </dd>
            </div>
            <div>
              <dt>{t('gaps.stretch')}</dt>
              <dd data-testid="gap-stretch-km">
                {t('gaps.km', { value: fmt.number(r.longest_uncovered_stretch_km, 1) })}
              </dd>
            </div>
            <div>
              <dt>{t('gaps.corridors')}</dt>
              <dd data-testid="gap-corridor-count">{fmt.number(r.corridors.length)}</dd>
            </div>
            <div>
              <dt>{t('gaps.incidentsInGaps')}</dt>
              <dd>{fmt.number(r.inputs.incidents_in_gaps)}</dd>
            </div>
          </dl>
          {r.longest_uncovered_stretch && (
            <button
              type="button"
              className="link"
              onClick={() => {
                const s = r.longest_uncovered_stretch!;
                onShow({ kind: 'bounds', bounds: boundsOf({ coordinates: [s.start, s.end] }) });
              }}
            >
              {t('gaps.showStretch')}
            </button>
          )}
        </>
      )}

      <h3>{t('gaps.trendTitle')}</h3>
      {trend.error && <p className="error">{t('common.error', { message: trend.error })}</p>}
      {!trend.series && !trend.error && <p className="muted">{t('common.loading')}</p>}
      {trend.series && trend.series.length > 0 && (
        <>
          <TrendChart series={trend.series} />
          {change !== null && (
            <p data-testid="gap-trend-verdict" className={change < 0 ? 'good' : change > 0 ? 'bad' : ''}>
              {change < 0
                ? t('gaps.closing', { km2: fmt.number(-change) })
                : change > 0
                  ? t('gaps.widening', { km2: fmt.number(change) })
                  : t('gaps.unchanged')}
            </p>
          )}
        </>
      )}

      {r && (
        <>
          <h3>{t('gaps.corridors')}</h3>
          {r.corridors.length === 0 && <p className="muted">{t('gaps.noCorridors')}</p>}
          <ol className="items">
            {r.corridors.map((c) => (
              <li key={c.id} data-testid="corridor-item">
                <span>
                  {t('gaps.corridorLine', {
                    width: c.narrowest_width_km === null ? '—' : fmt.number(c.narrowest_width_km, 1),
                    area: fmt.number(c.area_km2),
                    km: fmt.number(c.chainage_km),
                  })}
                </span>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    const gap = r.gaps.features.find((g) => g.id === c.gap_id);
                    onShow(
                      gap
                        ? { kind: 'bounds', bounds: boundsOf(gap.geometry) }
                        : { kind: 'point', lon: c.narrowest_at[0], lat: c.narrowest_at[1] },
                    );
                  }}
                >
                  {t('common.showOnMap')}
                </button>
              </li>
            ))}
          </ol>

          <h3>{t('gaps.sites')}</h3>
          {!r.recommendations?.sites.length && <p className="muted">{t('gaps.noSites')}</p>}
          {r.recommendations && r.recommendations.sites.length > 0 && (
            <>
              <p className="muted">
                {t('gaps.sitesSummary', {
                  sites: fmt.number(r.recommendations.sites.length),
                  radius: fmt.number(r.recommendations.radius_km, 1),
                  share: fmt.percent(r.recommendations.covered_share),
                })}
              </p>
              <ol className="items">
                {r.recommendations.sites.map((s) => (
                  <li key={s.rank} data-testid="site-item">
                    <span>
                      {t('gaps.siteLine', {
                        rank: fmt.number(s.rank),
                        incidents: fmt.number(s.incidents),
                        gain: fmt.number(s.gain, 1),
                      })}
                      {s.corridors.length > 0 && <span className="badge">{t('gaps.cutsCorridor')}</span>}
                    </span>
                    <button
                      type="button"
                      className="link"
                      onClick={() => onShow({ kind: 'point', lon: s.lon, lat: s.lat, zoom: 10 })}
                    >
                      {t('common.showOnMap')}
                    </button>
                  </li>
                ))}
              </ol>
            </>
          )}

          <h3>{t('gaps.perAor')}</h3>
          <table className="per-aor">
            <thead>
              <tr>
                <th scope="col">{t('gaps.aor')}</th>
                <th scope="col">{t('gaps.uncovered')}</th>
                <th scope="col">{t('gaps.share')}</th>
              </tr>
            </thead>
            <tbody>
              {r.per_aor.map((a) => (
                <tr key={a.code}>
                  <th scope="row">{names.jcc(a.code)}</th>
                  <td>{t('gaps.km2', { value: fmt.number(a.uncovered_km2) })}</td>
                  <td>{fmt.percent(a.uncovered_share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

/**
 * The change in uncovered area from the first to the last window of the series, km²; 0 when it moved by less than
 * 1% of where it started, which day-to-day changes in patrols alone produce.
 */
function trendChange(series: Array<{ uncovered_km2: number }> | null): number | null {
  if (!series || series.length < 2) return null;
  const first = series[0].uncovered_km2;
  const change = series[series.length - 1].uncovered_km2 - first;
  return Math.abs(change) < 0.01 * first ? 0 : Math.round(change);
}
