import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { GapSnapshot } from '../api/types.ts';
import { localeOf } from '../i18n/i18n.ts';

/** The uncovered area per day: a falling line means the gap is closing. */
export function TrendChart({ series }: { series: GapSnapshot[] }) {
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const locale = localeOf(i18n.language);
    const rtl = document.documentElement.dir === 'rtl';
    const data = series.map((s) => ({ day: new Date(s.window_to), km2: s.uncovered_km2 }));
    const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const days = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
    const chart = Plot.plot({
      width: Math.max(260, el.clientWidth),
      height: 180,
      marginLeft: rtl ? 20 : 56,
      marginRight: rtl ? 56 : 20,
      x: { type: 'utc', label: null, tickFormat: (d: Date) => days.format(d), ticks: 4, reverse: rtl },
      y: { label: t('gaps.uncoveredKm2'), grid: true, tickFormat: (v: number) => numbers.format(v), zero: true },
      marks: [
        Plot.areaY(data, { x: 'day', y: 'km2', fill: '#e53935', fillOpacity: 0.15 }),
        Plot.lineY(data, { x: 'day', y: 'km2', stroke: '#b71c1c', strokeWidth: 2 }),
        Plot.dot(data, { x: 'day', y: 'km2', fill: '#b71c1c', r: 2 }),
        Plot.ruleY([0]),
      ],
      style: { fontSize: '11px', background: 'transparent' },
      ariaLabel: t('gaps.trendTitle'),
    });
    el.replaceChildren(chart);
    return () => chart.remove();
  }, [series, i18n.language, t]);
  return <div ref={box} className="trend-chart" data-testid="gap-trend" />;
}
