import Flatbush from 'flatbush';
import { invalid } from '../domain/errors.ts';
import type { Areal, LineString, Position } from '../domain/geojson.ts';
import type { PatrolSchedule } from '../domain/presence.ts';
import { checkCoverageItem, circleVertices, equalAreaRadiusFactor, planarFootprint } from './coverage-footprint.ts';
import { planarGapOf } from './coverage-gap.ts';
import {
  activeAt,
  activeIntervals,
  checkSchedule,
  type Interval,
  type TimeWindow,
  unionLength,
  windowMs,
} from './coverage-time.ts';
import { interiorPoint } from './interior-point.ts';
import { planarOverlay, planarSplit, planarUnionAll, planarUnionValid } from './jsts-engine.ts';
import { planarArea, polygonsOf, segmentSegmentDistance } from './planar-segments.ts';
import { pointInAreal, pointInPolygonRings } from './point-in-polygon.ts';
import { repairAreal } from './polygon-repair.ts';
import type { CoverageItem } from './presence-index.ts';
import { mapPositions } from './projection.ts';
import { prepareZone, type ZoneFrame } from './zone-frame.ts';

/** A presence record as coverage sees it: a `CoverageItem`, and for a patrol an optional daily schedule (UTC). */
export interface CoverageSource extends CoverageItem {
  schedule?: PatrolSchedule | null;
}

/** Which presence counts. */
export interface CoverageOptions {
  /** Organisations whose presence counts (all when omitted). */
  orgs?: string[];
  /**
   * Minimum share (0..1) of the window a place must be covered to count as covered. 0 (the default): covered at any
   * time in the window counts. Ignored for an instant window.
   */
  minShare?: number;
  /** Vertices of a checkpoint circle (default 64; circles keep their true area whatever the count). */
  vertices?: number;
}

/** What happened to the presence records given. */
export interface CoverageCounts {
  presence: number;
  used: number;
  other_org: number;
  inactive: number;
  outside_zone: number;
  /** Unit AOR polygons that were invalid and repaired, with the reason. */
  repaired: Array<{ id: string; problem: string }>;
}

/** Coverage in the zone's planar frame (metres): the gap (the zone less what covers it) and its area. */
export interface PlanarCoverage {
  gap: Areal;
  zoneKm2: number;
  uncoveredKm2: number;
  counts: CoverageCounts;
}

/** Coverage of a zone over a window, WGS84. */
export interface Coverage {
  covered: Areal;
  gap: Areal;
  zone_km2: number;
  covered_km2: number;
  uncovered_km2: number;
  uncovered_share: number;
  counts: CoverageCounts;
}

interface Used {
  item: CoverageSource;
  footprint: Areal;
  intervals: Interval[];
}

/** True when the item's footprint meets the zone (checked on the item's own geometry, not its polygon). */
function meetsZone(frame: ZoneFrame, item: CoverageSource, footprint: Areal, vertices: number): boolean {
  const g = item.geometry;
  const p = frame.projection.forward;
  if (g.type === 'Point') {
    const c = p(g.coordinates);
    return (
      frame.contains(c) ||
      Number.isFinite(frame.boundary.distanceWithin(c[0], c[1], item.km * 1000 * equalAreaRadiusFactor(vertices)))
    );
  }
  if (g.type === 'LineString') {
    const xy = g.coordinates.map(p);
    if (xy.some(frame.contains)) return true;
    const d = item.km * 1000;
    for (let k = 0; k + 1 < xy.length; k++) {
      const [a, b] = [xy[k], xy[k + 1]];
      const hits = frame.boundary.search(
        Math.min(a[0], b[0]) - d,
        Math.min(a[1], b[1]) - d,
        Math.max(a[0], b[0]) + d,
        Math.max(a[1], b[1]) + d,
      );
      const c = frame.boundary.coords;
      for (const i of hits)
        if (segmentSegmentDistance(a, b, [c[i * 4], c[i * 4 + 1]], [c[i * 4 + 2], c[i * 4 + 3]]) <= d) return true;
    }
    return false;
  }
  const rings = polygonsOf(footprint)[0];
  if (rings[0].some(frame.contains)) return true;
  const c = frame.boundary.coords;
  for (let i = 0; i < frame.boundary.count; i++) {
    const a: Position = [c[i * 4], c[i * 4 + 1]];
    const b: Position = [c[i * 4 + 2], c[i * 4 + 3]];
    if (pointInPolygonRings(a, rings)) return true;
    for (let k = 0; k + 1 < rings[0].length; k++)
      if (segmentSegmentDistance(a, b, rings[0][k], rings[0][k + 1]) === 0) return true;
  }
  return false;
}

function checkOptions(options: CoverageOptions): void {
  if (options.orgs !== undefined && (!Array.isArray(options.orgs) || options.orgs.some((o) => typeof o !== 'string')))
    throw invalid('options.orgs', 'must be a list of organisation codes');
  const s = options.minShare;
  if (s !== undefined && !(typeof s === 'number' && s >= 0 && s <= 1))
    throw invalid('options.minShare', 'must be between 0 and 1');
  const v = options.vertices;
  if (v !== undefined && !(Number.isInteger(v) && v >= 8 && v <= 1024))
    throw invalid('options.vertices', 'must be an integer from 8 to 1024');
}

/** Sorts, validates and filters the presence records, and builds the planar footprints of those that count. */
function selectPresence(
  frame: ZoneFrame,
  items: readonly CoverageSource[],
  window: Interval,
  options: CoverageOptions,
) {
  const [from, to] = window;
  const vertices = options.vertices ?? circleVertices;
  const orgs = options.orgs ? new Set(options.orgs) : null;
  const counts: CoverageCounts = {
    presence: items.length,
    used: 0,
    other_org: 0,
    inactive: 0,
    outside_zone: 0,
    repaired: [],
  };
  const used: Used[] = [];
  // Sorted by id, so the result does not depend on the order the records came in.
  const order = items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : a.i - b.i));
  for (const { item: raw, i } of order) {
    checkCoverageItem(raw, `presence[${i}]`);
    if (raw.schedule) checkSchedule(raw.schedule, `presence[${i}].schedule`);
    if (orgs && !orgs.has(raw.org)) {
      counts.other_org++;
      continue;
    }
    const intervals =
      to > from ? activeIntervals(raw, from, to) : activeAt(raw, from) ? [[from, from + 1] as Interval] : [];
    if (intervals.length === 0) {
      counts.inactive++;
      continue;
    }
    // An AOR polygon is made valid first; repaired, it may come out as several parts, each covering for the record.
    let pieces: CoverageSource[] = [raw];
    if (raw.geometry.type === 'Polygon') {
      const fixed = repairAreal(raw.geometry, `presence[${i}].geometry`);
      if (fixed.problem) counts.repaired.push({ id: raw.id, problem: fixed.problem });
      pieces = polygonsOf(fixed.geometry).map((part) => ({ ...raw, geometry: { type: 'Polygon', coordinates: part } }));
    }
    let meets = false;
    for (const item of pieces) {
      const footprint = planarFootprint(item, frame.projection, vertices);
      if (!meetsZone(frame, item, footprint, vertices)) continue;
      meets = true;
      used.push({ item, footprint, intervals });
    }
    if (meets) counts.used++;
    else counts.outside_zone++;
  }
  return { used, counts };
}

/**
 * The part of the zone covered for at least `minShare` of the window, exactly up to the polygon discretisation:
 * every footprint outline is noded into an arrangement of faces; each face is covered by a fixed set of records,
 * so its covered share is the length of the union of their active intervals over the window's length.
 */
function coveredForShare(frame: ZoneFrame, used: Used[], window: Interval, minShare: number): Areal {
  const cuts: LineString[] = used.flatMap((u) =>
    polygonsOf(u.footprint).flatMap((rings) => rings.map((r) => ({ type: 'LineString' as const, coordinates: r }))),
  );
  const faces = planarSplit(frame.planar, cuts);
  const index = new Flatbush(Math.max(used.length, 1));
  for (const u of used) {
    let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const rings of polygonsOf(u.footprint))
      for (const [x, y] of rings[0]) [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
    index.add(w, s, e, n);
  }
  if (used.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const length = window[1] - window[0];
  const kept = faces.filter((face) => {
    const p = interiorPoint(face);
    const lists =
      used.length === 0
        ? []
        : index
            .search(p[0], p[1], p[0], p[1])
            .filter((k) => pointInAreal(p, used[k].footprint))
            .map((k) => used[k].intervals);
    return unionLength(lists) >= minShare * length * (1 - 1e-12);
  });
  return planarUnionAll(kept);
}

/** Coverage of a prepared zone over a window, in the zone's planar frame; see `computeCoverage`. */
export function planarCoverage(
  frame: ZoneFrame,
  items: readonly CoverageSource[],
  window: TimeWindow,
  options: CoverageOptions = {},
): PlanarCoverage {
  checkOptions(options);
  const span = windowMs(window);
  const { used, counts } = selectPresence(frame, items, span, options);
  const minShare = options.minShare ?? 0;
  const gap =
    minShare > 0 && span[1] > span[0]
      ? gapUnder(frame, coveredForShare(frame, used, span, minShare))
      : anyTimeGap(frame, used);
  return { gap, zoneKm2: frame.zoneKm2, uncoveredKm2: planarArea(gap) / 1e6, counts };
}

/** The zone less a covered area. */
function gapUnder(frame: ZoneFrame, covered: Areal): Areal {
  return covered.coordinates.length === 0 ? frame.planar : planarOverlay('difference', frame.planar, covered);
}

/**
 * The zone less every footprint: in one pass over the outlines (several times faster than the jsts union and
 * difference it replaces), or through jsts when outlines touch or overlap, which that pass leaves to a robust engine.
 */
function anyTimeGap(frame: ZoneFrame, used: Used[]): Areal {
  const footprints = used.map((u) => u.footprint);
  if (footprints.length === 0) return frame.planar;
  return planarGapOf(frame.planar, footprints, frame.contains) ?? gapUnder(frame, planarUnionValid(footprints));
}

/**
 * The coverage of presence over a time window: the covered part of the zone and the gap (zone minus covered), with
 * areas in km² measured in the equal-area projection centred on the zone. A record counts when its organisation is
 * selected, it is active in the window (for at least `minShare` of it, where that is asked) and it meets the zone.
 */
export function computeCoverage(
  zone: Areal,
  items: readonly CoverageSource[],
  window: TimeWindow,
  options: CoverageOptions = {},
): Coverage {
  const frame = prepareZone(repairAreal(zone, 'zone').geometry);
  const c = planarCoverage(frame, items, window, options);
  const covered: Areal =
    c.gap === frame.planar
      ? { type: 'MultiPolygon', coordinates: [] }
      : planarOverlay('difference', frame.planar, c.gap);
  const inverse = frame.projection.inverse;
  return {
    covered: mapPositions(covered, inverse),
    gap: mapPositions(c.gap, inverse),
    zone_km2: c.zoneKm2,
    covered_km2: c.zoneKm2 - c.uncoveredKm2,
    uncovered_km2: c.uncoveredKm2,
    uncovered_share: c.zoneKm2 > 0 ? c.uncoveredKm2 / c.zoneKm2 : 0,
    counts: c.counts,
  };
}
