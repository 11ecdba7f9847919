import type { Areal, Position } from '../domain/geojson.ts';
import type { Jcc } from '../domain/jcc.ts';
import type { SitrepGap } from '../domain/sitrep.ts';
import { aorFigures, aorForecast, withinAor } from '../geo/aor-gap.ts';
import type { GapReport, GapReportOptions } from '../geo/gap-report.ts';
import { interiorPoint } from '../geo/interior-point.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { forecastAnalyses } from './gap-forecast.ts';
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
 * The gap in the JCC's area of responsibility for the report's reader: the period's analysis (with
 * hotspots and recommended checkpoints) confined to the AOR — its per-AOR figures, and the
 * corridors, hotspots and checkpoints whose location point lies in it — beside the whole line's
 * figures; the previous period's AOR figures, the AOR's 30-day daily trend and its planned-coverage
 * forecast of the next period, each from what the reader may see. Null when the site has no
 * coordination line. The trend's windows are computed, not stored as gap snapshots: a snapshot is
 * filed under one organisation as what it sees, and an audience's view is narrower than its
 * originator's own, so storing it would overwrite that organisation's figures.
 */
export async function sitrepGap(
  store: Store,
  reader: Actor,
  period: { from: string; to: string },
  previous: { from: string; to: string },
  places: SitrepPlaces,
  jcc: Jcc,
): Promise<SitrepGapFigures | null> {
  if ((await store.lines.list()).length === 0) return null;
  const end = Date.parse(period.to);
  const days = Math.min(31, Math.max(1, Math.round((end - Date.parse(period.from)) / dayMs)));
  // Asked for together, the reads on this thread overlap the analyses queued on the analysis thread.
  // The share and the corridors do not depend on incidents: a day's worth need not be read 30 times.
  const figures = (w: { from: string; to: string }) =>
    analyseGaps(store, reader, { ...w, options: figuresOnly, withoutIncidents: true });
  const windows = trendWindows(new Date(end - sitrepTrendDays * dayMs).toISOString(), period.to, dayMs);
  const trendReports = windows.map(figures);
  // A daily report's previous period is one of the trend's windows: analysed once.
  const same = windows.findIndex((w) => w.from === previous.from && w.to === previous.to);
  const [report, before, f, trendDone] = await Promise.all([
    analyseGaps(store, reader, period),
    same >= 0 ? trendReports[same] : figures(previous),
    forecastAnalyses(store, reader, { from: period.to, days }),
    Promise.all(trendReports),
  ]);
  const { aor, code } = jcc;
  const corridorsIn = (r: GapReport) => withinAor(r.corridors, (c) => c.narrowest_at, aor);
  const trend: SitrepGap['trend'] = trendDone.map((r, n) => ({
    from: windows[n].from,
    to: windows[n].to,
    uncoveredShare: aorFigures(r, code).uncovered_share,
    corridors: corridorsIn(r).length,
  }));
  const own = aorFigures(report, code);
  const corridors = corridorsIn(report);
  const forecast = aorForecast(f.standing, f.withPlanned, code, aor);
  const previousOwn = aorFigures(before, code);
  return {
    gap: {
      zoneKm2: own.zone_km2,
      uncoveredKm2: own.uncovered_km2,
      uncoveredShare: own.uncovered_share,
      line: { zoneKm2: report.zone_km2, uncoveredKm2: report.uncovered_km2, uncoveredShare: report.uncovered_share },
      longestStretchKm: report.longest_uncovered_stretch_km,
      corridors: corridors.map((c) => ({
        id: c.id,
        areaKm2: c.area_km2,
        narrowestWidthKm: c.narrowest_width_km,
        narrowestAt: places.at(c.narrowest_at),
      })),
      hotspots: hotspotsOf(report, places, aor),
      checkpoints: withinAor(report.recommendations?.sites ?? [], (s) => [s.lon, s.lat], aor).map((s) => ({
        place: places.at([s.lon, s.lat]),
        gain: s.gain,
      })),
      trend,
      forecast: {
        from: f.standing.window.from,
        to: f.standing.window.to,
        plannedUncoveredShare: forecast.planned.uncovered_share,
        closesKm2: forecast.closes_km2,
        closesShare: forecast.closes_share,
        corridorsStayingOpen: forecast.corridors_staying_open,
      },
    },
    previous: {
      uncoveredShare: previousOwn.uncovered_share,
      uncoveredKm2: previousOwn.uncovered_km2,
      // Every corridor of the previous period, in the AOR or not: one that has moved into it is not new.
      corridorsAt: before.corridors.map((c) => c.narrowest_at),
    },
    corridorsAt: corridors.map((c) => c.narrowest_at),
  };
}

function hotspotsOf(report: GapReport, places: SitrepPlaces, aor: Areal): SitrepGap['hotspots'] {
  if (!report.hotspots || report.hotspots.too_few_points) return [];
  const centred = report.hotspots.regions.map((r) => ({ r, centre: interiorPoint(r.outline) }));
  return withinAor(centred, (x) => x.centre, aor).map(({ r, centre }) => ({
    id: r.id,
    cells: r.cells.length,
    centre: places.at(centre),
  }));
}
