import type { Position } from '../domain/geojson.ts';
import type { SitrepGap } from '../domain/sitrep.ts';
import type { GapReport, GapReportOptions } from '../geo/gap-report.ts';
import { interiorPoint } from '../geo/interior-point.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { forecastGaps } from './gap-forecast.ts';
import { analyseGaps, trendWindows } from './gaps.ts';
import type { SitrepPlaces } from './sitrep-places.ts';

const dayMs = 86_400_000;
/** The trend a report charts: daily windows of the 30 days up to the period's end. */
export const sitrepTrendDays = 30;

const figuresOnly: GapReportOptions = { hotspots: false, recommendations: false };

/** The gap section of a report, and the corridors of the previous period (for the highlights). */
export interface SitrepGapFigures {
  gap: SitrepGap;
  previous: { uncoveredShare: number; uncoveredKm2: number; corridorsAt: Position[] };
  corridorsAt: Position[];
}

/**
 * The gap of the site's coordination line for the report's reader: the period's analysis (with
 * hotspots and recommended checkpoints), the previous period's figures, the 30-day daily trend and
 * the planned-coverage forecast of the next period, each from what the reader may see. Null when
 * the site has no coordination line. The trend's windows are computed, not stored as gap
 * snapshots: a snapshot is filed under one organisation as what it sees, and an audience's view is
 * narrower than its originator's own, so storing it would overwrite that organisation's figures.
 */
export async function sitrepGap(
  store: Store,
  reader: Actor,
  period: { from: string; to: string },
  previous: { from: string; to: string },
  places: SitrepPlaces,
): Promise<SitrepGapFigures | null> {
  if ((await store.lines.list()).length === 0) return null;
  const end = Date.parse(period.to);
  const days = Math.min(31, Math.max(1, Math.round((end - Date.parse(period.from)) / dayMs)));
  // Asked for together, the reads on this thread overlap the analyses queued on the analysis thread.
  const windows = trendWindows(new Date(end - sitrepTrendDays * dayMs).toISOString(), period.to, dayMs);
  const [report, before, f, trend] = await Promise.all([
    analyseGaps(store, reader, period),
    analyseGaps(store, reader, { ...previous, options: figuresOnly }),
    forecastGaps(store, reader, { from: period.to, days }),
    Promise.all(
      windows.map(async (w): Promise<SitrepGap['trend'][number]> => {
        const r = await analyseGaps(store, reader, { ...w, options: figuresOnly });
        return { from: w.from, to: w.to, uncoveredShare: r.uncovered_share, corridors: r.corridors.length };
      }),
    ),
  ]);
  return {
    gap: {
      zoneKm2: report.zone_km2,
      uncoveredKm2: report.uncovered_km2,
      uncoveredShare: report.uncovered_share,
      longestStretchKm: report.longest_uncovered_stretch_km,
      corridors: report.corridors.map((c) => ({
        id: c.id,
        areaKm2: c.area_km2,
        narrowestWidthKm: c.narrowest_width_km,
        narrowestAt: places.at(c.narrowest_at),
      })),
      hotspots: hotspotsOf(report, places),
      checkpoints: (report.recommendations?.sites ?? []).map((s) => ({
        place: places.at([s.lon, s.lat]),
        gain: s.gain,
      })),
      trend,
      forecast: {
        from: f.window.from,
        to: f.window.to,
        plannedUncoveredShare: f.planned.uncovered_share,
        closesKm2: f.closes_km2,
        closesShare: f.closes_share,
        corridorsStayingOpen: f.corridors.filter((c) => c.stays_open).length,
      },
    },
    previous: {
      uncoveredShare: before.uncovered_share,
      uncoveredKm2: before.uncovered_km2,
      corridorsAt: before.corridors.map((c) => c.narrowest_at),
    },
    corridorsAt: report.corridors.map((c) => c.narrowest_at),
  };
}

function hotspotsOf(report: GapReport, places: SitrepPlaces): SitrepGap['hotspots'] {
  if (!report.hotspots || report.hotspots.too_few_points) return [];
  return report.hotspots.regions.map((r) => ({
    id: r.id,
    cells: r.cells.length,
    centre: places.at(interiorPoint(r.outline)),
  }));
}
