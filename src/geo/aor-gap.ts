import type { Areal, Position } from '../domain/geojson.ts';
import type { AorBreakdown } from './aor-breakdown.ts';
import { compareGapForecast } from './gap-forecast.ts';
import type { GapReport } from './gap-report.ts';
import { pointInAreal } from './point-in-polygon.ts';

/** One AOR's standing and planned gap over a forecast window, and how much of it the planned activities close. */
export interface AorForecast {
  standing: AorBreakdown;
  planned: AorBreakdown;
  closes_km2: number;
  /** The share of the AOR's standing gap that the planned activities close (0 when it has none). */
  closes_share: number;
  /** Standing corridors whose narrowest point lies in the AOR and that stay open with the planned activities. */
  corridors_staying_open: number;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** The AOR's row of an analysis' per-AOR breakdown; zeros when the analysis has none for it. */
export function aorFigures(report: GapReport, code: string): AorBreakdown {
  return report.per_aor.find((a) => a.code === code) ?? { code, zone_km2: 0, uncovered_km2: 0, uncovered_share: 0 };
}

/** The items whose location point lies inside the AOR, in their order. */
export function withinAor<T>(items: readonly T[], at: (item: T) => Position, aor: Areal): T[] {
  return items.filter((item) => pointInAreal(at(item), aor));
}

/**
 * A forecast confined to one AOR: its per-AOR figures standing and with the planned activities,
 * the area those close in it, and the standing corridors in it (by their narrowest point) that
 * stay open, as `compareGapForecast` matches them.
 */
export function aorForecast(standing: GapReport, planned: GapReport, code: string, aor: Areal): AorForecast {
  const before = aorFigures(standing, code);
  const after = aorFigures(planned, code);
  const closes = Math.max(0, before.uncovered_km2 - after.uncovered_km2);
  const open = compareGapForecast(standing, planned).corridors.filter((c) => c.stays_open);
  return {
    standing: before,
    planned: after,
    closes_km2: r3(closes),
    closes_share: before.uncovered_km2 > 0 ? Number((closes / before.uncovered_km2).toFixed(4)) : 0,
    corridors_staying_open: withinAor(open, (c) => c.narrowest_at, aor).length,
  };
}
