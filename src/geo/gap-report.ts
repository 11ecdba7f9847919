import { cellToLatLng, latLngToCell } from 'h3-js';
import { invalid } from '../domain/errors.ts';
import type { Areal, MultiPolygon, Polygon, Position } from '../domain/geojson.ts';
import { type AorBreakdown, planarAorBreakdown } from './aor-breakdown.ts';
import { planarCorridors } from './corridors.ts';
import { type CoverageOptions, type CoverageSource, planarCoverage } from './coverage.ts';
import { parseTime, type TimeWindow } from './coverage-time.ts';
import { buildPolygonLocator } from './gap-locator.ts';
import { type GapZoneInput, gapZoneKey, type PreparedGapZone, prepareGapZone } from './gap-zone.ts';
import { checkH3Options } from './h3-study-area.ts';
import { type HotspotOptions, type HotspotResult, hotspots } from './hotspots.ts';
import { type LineRun, longestRun, planarLineRuns } from './line-runs.ts';
import { checkSiteOptions, recommendSites, type SiteOptions, type SiteRecommendation } from './placement.ts';
import { planarArea, polygonsOf } from './planar-segments.ts';
import { repairAreal } from './polygon-repair.ts';
import { mapPositions } from './projection.ts';

/** An incident as the gap analysis sees it. */
export interface GapIncident {
  id: string;
  lon: number;
  lat: number;
  weight?: number;
  time?: string | null;
  type?: string | null;
}

/** Options of the whole analysis. */
export interface GapReportOptions extends CoverageOptions {
  /** Gi* options, or false to skip hotspots. */
  hotspots?: HotspotOptions | false;
  /** Site recommendation options, or false to skip them. */
  recommendations?: SiteOptions | false;
  /** Grid cells shared by the corridor width grids (default 100,000; see `planarCorridors`). */
  corridorCells?: number;
}

/** Everything the analysis needs, as plain values (WGS84). */
export interface GapReportInput extends GapZoneInput {
  presence: CoverageSource[];
  window: TimeWindow;
  incidents?: GapIncident[];
  /** Areas of responsibility for the per-AOR breakdown. */
  aors?: Array<{ code: string; aor: Areal }>;
  options?: GapReportOptions;
}

interface Run {
  start_km: number;
  end_km: number;
  length_km: number;
  start: Position;
  end: Position;
}

/** The report, plain JSON with plain names (km, km², shares 0..1, lon/lat). */
export interface GapReport {
  window: TimeWindow;
  orgs: string[] | null;
  min_share: number;
  zone_km2: number;
  covered_km2: number;
  uncovered_km2: number;
  uncovered_share: number;
  line_km: number;
  longest_uncovered_stretch_km: number;
  longest_uncovered_stretch: Run | null;
  uncovered_runs: Run[];
  corridors: Array<{
    id: string;
    gap_id: string;
    gap_area_km2: number;
    area_km2: number;
    narrowest_width_km: number | null;
    width_resolution_km: number;
    narrowest_at: Position;
    chainage_km: number;
    offset_km: number;
  }>;
  gaps: {
    type: 'FeatureCollection';
    features: Array<{
      type: 'Feature';
      id: string;
      properties: { id: string; area_km2: number; corridor: boolean; incidents: number };
      geometry: Polygon;
    }>;
  };
  per_aor: AorBreakdown[];
  incidents_in_gaps: Array<{
    id: string;
    lon: number;
    lat: number;
    weight: number;
    gap_id: string;
    type: string | null;
    time: string | null;
  }>;
  hotspots:
    | (Omit<HotspotResult, 'regions'> & { regions: Array<HotspotResult['regions'][number] & { id: string }> })
    | null;
  recommendations: SiteRecommendation | null;
  inputs: {
    presence: number;
    presence_used: number;
    incidents: number;
    incidents_in_zone: number;
    incidents_in_gaps: number;
  };
  ignored: {
    presence_outside_zone: number;
    presence_inactive: number;
    presence_other_orgs: number;
    incidents_outside_zone: number;
    incidents_outside_h3_cells: number;
  };
  repaired: Array<{ field: string; problem: string }>;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const sig = (x: number) => Number(x.toPrecision(6));
const ll = (p: Position): Position => [r6(p[0]), r6(p[1])];

function checkIncidents(incidents: readonly GapIncident[]): void {
  incidents.forEach((c, i) => {
    if (!c || typeof c.id !== 'string' || c.id === '')
      throw invalid(`incidents[${i}].id`, 'must be a non-empty string');
    if (!Number.isFinite(c.lon) || Math.abs(c.lon) > 180) throw invalid(`incidents[${i}].lon`, 'must be a longitude');
    if (!Number.isFinite(c.lat) || Math.abs(c.lat) > 90) throw invalid(`incidents[${i}].lat`, 'must be a latitude');
    if (c.weight !== undefined && !(Number.isFinite(c.weight) && c.weight >= 0))
      throw invalid(`incidents[${i}].weight`, 'must be a number ≥ 0');
    if (c.time != null) parseTime(c.time, `incidents[${i}].time`);
  });
}

/** Sorts the gap's polygons by area (largest first), so gap ids are stable. */
function sortedGap(gap: Areal): { polygons: Position[][][]; areas: number[] } {
  const parts = polygonsOf(gap).map((rings) => ({ rings, area: planarArea({ type: 'Polygon', coordinates: rings }) }));
  parts.sort((a, b) => b.area - a.area || a.rings[0][0][0] - b.rings[0][0][0] || a.rings[0][0][1] - b.rings[0][0][1]);
  return { polygons: parts.map((p) => p.rings), areas: parts.map((p) => p.area / 1e6) };
}

/**
 * The whole gap analysis of a zone over a time window: coverage and gaps (areas in the equal-area projection centred
 * on the zone), per-AOR breakdown, uncovered runs of the line and the longest uncovered stretch, corridors with
 * their narrowest width, incidents inside gaps, Gi* hotspots and recommended joint sites. Bad input is refused with
 * a validation error naming the field; invalid polygons are repaired and listed; presence and incidents outside the
 * zone are ignored and counted. Deterministic: presence and incidents are sorted by id, every list is sorted.
 */
export function gapReport(input: GapReportInput, prepared: PreparedGapZone = prepareGapZone(input)): GapReport {
  if (prepared.key !== gapZoneKey(input)) throw new Error('the prepared zone was prepared for another line or zone');
  const options = input.options ?? {};
  const incidents = [...(input.incidents ?? [])];
  checkIncidents(incidents);
  const hotspotOptions = options.hotspots === false ? null : (options.hotspots ?? {});
  if (hotspotOptions) checkH3Options(hotspotOptions.resolution ?? 8, hotspotOptions.k ?? 1, 'options.hotspots');
  const siteOptions = options.recommendations === false ? null : (options.recommendations ?? {});
  if (siteOptions) checkSiteOptions(siteOptions, 'options.recommendations');
  const { frame, locator } = prepared;
  const { projection } = frame;
  const repaired: GapReport['repaired'] = prepared.zoneProblem
    ? [{ field: 'zone', problem: prepared.zoneProblem }]
    : [];

  const coverage = planarCoverage(frame, input.presence ?? [], input.window, options);
  for (const r of coverage.counts.repaired) repaired.push({ field: `presence ${r.id}`, problem: r.problem });
  const { polygons, areas } = sortedGap(coverage.gap);
  const gapPlanar: MultiPolygon = { type: 'MultiPolygon', coordinates: polygons };
  const gapIds = polygons.map((_, i) => `gap-${i + 1}`);

  const runs: LineRun[] = planarLineRuns(input.line.coordinates, prepared.planarLine, gapPlanar, projection);
  const longest = longestRun(runs);
  const run = (r: LineRun): Run => ({
    start_km: r3(r.start_km),
    end_km: r3(r.end_km),
    length_km: r3(r.length_km),
    start: ll(r.start),
    end: ll(r.end),
  });

  const corridors = planarCorridors(gapPlanar, prepared.boundary, options.corridorCells)
    .map((c) => {
      const at = projection.inverse(c.at);
      const placed = locator.locate(at);
      return { c, at, placed };
    })
    .sort(
      (a, b) =>
        (b.c.widthKm ?? Infinity) - (a.c.widthKm ?? Infinity) ||
        a.c.gap - b.c.gap ||
        a.placed.chainageKm - b.placed.chainageKm,
    )
    .map(({ c, at, placed }, i) => ({
      id: `corridor-${i + 1}`,
      gap_id: gapIds[c.gap],
      gap_area_km2: r3(c.gapAreaKm2),
      area_km2: r3(c.areaKm2),
      narrowest_width_km: c.widthKm === null ? null : r3(c.widthKm),
      width_resolution_km: r3(c.resolutionKm),
      narrowest_at: ll(at),
      chainage_km: r3(placed.chainageKm),
      offset_km: r3(placed.signedKm),
    }));

  const perAor = planarAorBreakdown(
    (input.aors ?? []).map((a, i) => {
      if (!a || typeof a.code !== 'string') throw invalid(`aors[${i}].code`, 'must be a string');
      const fixed = repairAreal(a.aor, `aors[${i}].aor`);
      if (fixed.problem) repaired.push({ field: `aors[${i}].aor`, problem: fixed.problem });
      return { code: a.code, aor: mapPositions(fixed.geometry, projection.forward) };
    }),
    frame.planar,
    gapPlanar,
  ).map((a) => ({
    code: a.code,
    zone_km2: r3(a.zone_km2),
    uncovered_km2: r3(a.uncovered_km2),
    uncovered_share: r6(a.uncovered_share),
  }));

  // Incidents, in id order: outside the zone they are ignored and counted; inside, located in a gap or not.
  const gapOf = buildPolygonLocator(polygons);
  const ordered = incidents
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : a.i - b.i));
  const resolution = hotspotOptions?.resolution ?? 8;
  const needCells = hotspotOptions !== null || siteOptions !== null;
  const inZone: Array<GapIncident & { gap: number; cell?: string }> = [];
  for (const { c } of ordered) {
    const p = projection.forward([c.lon, c.lat]);
    if (frame.contains(p))
      inZone.push({ ...c, gap: gapOf(p), cell: needCells ? latLngToCell(c.lat, c.lon, resolution) : undefined });
  }
  const inGaps = inZone.filter((c) => c.gap >= 0);
  const perGap = new Array<number>(polygons.length).fill(0);
  for (const c of inGaps) perGap[c.gap]++;
  const inGap = (p: Position) => gapOf(projection.forward(p)) >= 0;

  let hot: GapReport['hotspots'] = null;
  if (hotspotOptions) {
    const h = hotspots(
      prepared.study(hotspotOptions.resolution ?? 8, hotspotOptions.k ?? 1),
      inZone,
      hotspotOptions,
      inGap,
    );
    hot = {
      ...h,
      total_weight: sig(h.total_weight),
      regions: h.regions.map((r, i) => ({
        id: `hotspot-${i + 1}`,
        ...r,
        weight: sig(r.weight),
        max_z: sig(r.max_z),
        gap_share: r6(r.gap_share),
        cells: r.cells.map((c) => ({ h3: c.h3, weight: sig(c.weight), z: sig(c.z), p: sig(c.p), q: sig(c.q) })),
        outline: { type: 'MultiPolygon', coordinates: r.outline.coordinates.map((p) => p.map((ring) => ring.map(ll))) },
      })),
      ...(h.cells
        ? {
            cells: h.cells.map((c) => ({
              ...c,
              weight: sig(c.weight),
              local_sum: sig(c.local_sum),
              z: sig(c.z),
              p: sig(c.p),
              q: sig(c.q),
            })),
          }
        : {}),
    };
  }

  let recommendations: SiteRecommendation | null = null;
  if (siteOptions) {
    // Candidates: the gap incidents themselves, and the centres (inside the zone) of the H3 cells holding them.
    const seen = new Set<string>();
    const candidates: Position[] = [];
    const add = (p: Position) => {
      const key = `${p[0].toFixed(7)},${p[1].toFixed(7)}`;
      if (!seen.has(key)) {
        seen.add(key);
        candidates.push(p);
      }
    };
    const cells = new Set<string>();
    for (const c of inGaps) {
      add([c.lon, c.lat]);
      if (c.cell) cells.add(c.cell);
    }
    for (const cell of [...cells].sort()) {
      const [lat, lon] = cellToLatLng(cell);
      if (frame.contains(projection.forward([lon, lat]))) add([lon, lat]);
    }
    const targets = corridors.map((c) => ({ id: c.id, at: c.narrowest_at, widthKm: c.narrowest_width_km }));
    if (siteOptions.preferCorridors) for (const t of targets) add(t.at);
    candidates.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const rec = recommendSites(inGaps, candidates, projection, siteOptions, targets);
    recommendations = {
      ...rec,
      total_gain: sig(rec.total_gain),
      demand_weight: sig(rec.demand_weight),
      covered_share: r6(rec.covered_share),
      sites: rec.sites.map((s) => ({ ...s, lon: r6(s.lon), lat: r6(s.lat), gain: sig(s.gain) })),
    };
  }

  const counts = coverage.counts;
  return {
    window: { from: input.window.from, to: input.window.to },
    orgs: options.orgs ? [...options.orgs].sort() : null,
    min_share: options.minShare ?? 0,
    zone_km2: r3(coverage.zoneKm2),
    covered_km2: r3(coverage.zoneKm2 - coverage.uncoveredKm2),
    uncovered_km2: r3(coverage.uncoveredKm2),
    uncovered_share: r6(coverage.zoneKm2 > 0 ? coverage.uncoveredKm2 / coverage.zoneKm2 : 0),
    line_km: r3(locator.lengthKm),
    longest_uncovered_stretch_km: longest ? r3(longest.length_km) : 0,
    longest_uncovered_stretch: longest ? run(longest) : null,
    uncovered_runs: runs.map(run),
    corridors,
    gaps: {
      type: 'FeatureCollection',
      features: polygons.map((rings, i) => ({
        type: 'Feature',
        id: gapIds[i],
        properties: {
          id: gapIds[i],
          area_km2: r3(areas[i]),
          corridor: corridors.some((c) => c.gap_id === gapIds[i]),
          incidents: perGap[i],
        },
        geometry: { type: 'Polygon', coordinates: rings.map((ring) => ring.map((p) => ll(projection.inverse(p)))) },
      })),
    },
    per_aor: perAor,
    incidents_in_gaps: inGaps.map((c) => ({
      id: c.id,
      lon: c.lon,
      lat: c.lat,
      weight: c.weight ?? 1,
      gap_id: gapIds[c.gap],
      type: c.type ?? null,
      time: c.time ?? null,
    })),
    hotspots: hot,
    recommendations,
    inputs: {
      presence: counts.presence,
      presence_used: counts.used,
      incidents: incidents.length,
      incidents_in_zone: inZone.length,
      incidents_in_gaps: inGaps.length,
    },
    ignored: {
      presence_outside_zone: counts.outside_zone,
      presence_inactive: counts.inactive,
      presence_other_orgs: counts.other_org,
      incidents_outside_zone: incidents.length - inZone.length,
      incidents_outside_h3_cells: hot ? hot.points_outside_cells : 0,
    },
    repaired,
  };
}
