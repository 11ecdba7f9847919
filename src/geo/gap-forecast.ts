import type { Polygon } from '../domain/geojson.ts';
import type { GapReport } from './gap-report.ts';
import { interiorPoint } from './interior-point.ts';
import { pointInAreal } from './point-in-polygon.ts';

/** A corridor of the standing analysis, and whether it stays open when the planned activities happen. */
export interface ForecastCorridor {
  id: string;
  gap_id: string;
  area_km2: number;
  narrowest_width_km: number | null;
  narrowest_at: [number, number];
  stays_open: boolean;
  /** The corridors of the planned analysis that remain of this one (a crossing a patrol narrows may split in two). */
  planned_corridors: string[];
}

/** How much of the gap the planned activities close: the standing analysis against the same window with them added. */
export interface GapForecast {
  window: GapReport['window'];
  zone_km2: number;
  standing: { uncovered_km2: number; uncovered_share: number; corridors: number; longest_uncovered_stretch_km: number };
  planned: { uncovered_km2: number; uncovered_share: number; corridors: number; longest_uncovered_stretch_km: number };
  closes_km2: number;
  /** The share of the standing gap that the planned activities close (0 when there is no gap). */
  closes_share: number;
  corridors: ForecastCorridor[];
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

function figures(r: GapReport) {
  return {
    uncovered_km2: r.uncovered_km2,
    uncovered_share: r.uncovered_share,
    corridors: r.corridors.length,
    longest_uncovered_stretch_km: r.longest_uncovered_stretch_km,
  };
}

/**
 * Compares the analysis of a window with the standing presence alone against the same window with
 * the planned activities' coverage added. Coverage only grows, so the planned gap lies inside the
 * standing one: each planned corridor lies in exactly one standing gap polygon, found by a point
 * inside it. A gap polygon may hold several crossings; a planned corridor is the remainder of the
 * standing crossing of its gap polygon nearest to it along the line (by chainage). A standing
 * corridor stays open when some planned corridor is what remains of it.
 */
export function compareGapForecast(standing: GapReport, planned: GapReport): GapForecast {
  if (standing.window.from !== planned.window.from || standing.window.to !== planned.window.to)
    throw new Error('a forecast compares two analyses of the same window');
  const gapPolygons = new Map<string, Polygon>(standing.gaps.features.map((f) => [f.id, f.geometry]));
  const plannedGaps = new Map(planned.gaps.features.map((f) => [f.id, f.geometry]));
  const remains = new Map<string, string[]>();
  for (const c of planned.corridors) {
    const polygon = plannedGaps.get(c.gap_id);
    if (!polygon) continue;
    const inside = interiorPoint(polygon);
    const gapId = [...gapPolygons].find(([, standingPolygon]) => pointInAreal(inside, standingPolygon))?.[0];
    let nearest: string | null = null;
    let best = Infinity;
    for (const s of standing.corridors) {
      const d = Math.abs(s.chainage_km - c.chainage_km);
      if (s.gap_id === gapId && d < best) [nearest, best] = [s.id, d];
    }
    if (nearest !== null) remains.set(nearest, [...(remains.get(nearest) ?? []), c.id]);
  }
  const closes = Math.max(0, standing.uncovered_km2 - planned.uncovered_km2);
  return {
    window: standing.window,
    zone_km2: standing.zone_km2,
    standing: figures(standing),
    planned: figures(planned),
    closes_km2: r3(closes),
    closes_share: standing.uncovered_km2 > 0 ? Number((closes / standing.uncovered_km2).toFixed(4)) : 0,
    corridors: standing.corridors.map((c) => {
      const inGap = remains.get(c.id) ?? [];
      return {
        id: c.id,
        gap_id: c.gap_id,
        area_km2: c.area_km2,
        narrowest_width_km: c.narrowest_width_km,
        narrowest_at: [c.narrowest_at[0], c.narrowest_at[1]],
        stays_open: inGap.length > 0,
        planned_corridors: inGap,
      };
    }),
  };
}
