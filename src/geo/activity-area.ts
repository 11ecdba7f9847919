import { type ActivityArea, activityLimits } from '../domain/activity.ts';
import { invalid } from '../domain/errors.ts';
import type { BBox, LineString, Point, Polygon, Position } from '../domain/geojson.ts';
import { distanceKm } from './distance.ts';
import { interiorPoint } from './interior-point.ts';
import { planarArea, segmentSegmentDistance } from './planar-segments.ts';
import { pointInRing } from './point-in-polygon.ts';
import { createProjection, geometryBBox } from './projection.ts';

/** What a record covers, for deconfliction: a core geometry and how far around it (km) it reaches. */
export interface Footprint {
  core: Point | LineString | Polygon;
  reachKm: number;
}

/** The footprint of an activity's area. */
export function areaFootprint(area: ActivityArea): Footprint {
  if (area.shape === 'point') return { core: area.geometry, reachKm: area.radiusKm };
  if (area.shape === 'route') return { core: area.geometry, reachKm: area.bufferKm };
  return { core: area.geometry, reachKm: 0 };
}

/** The bounding box of a footprint grown by its reach and `extraKm` more: what a spatial prefilter searches. */
export function footprintBBox(f: Footprint, extraKm = 0): BBox {
  const [w, s, e, n] = geometryBBox(f.core);
  const km = f.reachKm + extraKm;
  // 110.5 km a degree is a little less than any degree of latitude, or of longitude at the box's
  // widest latitude, holds on the sphere: the box errs on the large side.
  const dLat = km / 110.5;
  const maxAbsLat = Math.min(89, Math.max(Math.abs(s), Math.abs(n)) + dLat);
  const dLon = km / (110.5 * Math.cos((maxAbsLat * Math.PI) / 180));
  return [Math.max(-180, w - dLon), Math.max(-90, s - dLat), Math.min(180, e + dLon), Math.min(90, n + dLat)];
}

/** A point inside an area, to find the JCC whose AOR holds it. */
export function areaAnchor(area: ActivityArea): Position {
  if (area.shape === 'point') return area.geometry.coordinates;
  if (area.shape === 'route') return area.geometry.coordinates[Math.floor(area.geometry.coordinates.length / 2)];
  return interiorPoint(area.geometry);
}

interface Planar {
  vertices: Position[];
  /** Rings of a polygon (for containment); empty for points and lines. */
  rings: Position[][];
  box: BBox;
  reachM: number;
}

function verticesOf(core: Footprint['core']): Position[] {
  if (core.type === 'Point') return [core.coordinates];
  if (core.type === 'LineString') return core.coordinates;
  return core.coordinates[0];
}

/**
 * A distance between footprints in km (0 where they overlap), in an equal-area projection centred on
 * `centre`: accurate to well under 1% within a few hundred km of it, which is where deconfliction looks.
 * Each footprint is projected once and kept, so one measure compares one activity with many records cheaply.
 */
export function footprintDistance(centre: Position): (a: Footprint, b: Footprint) => number {
  const projection = createProjection(centre[0], centre[1]);
  const cache = new WeakMap<Footprint, Planar>();
  const planar = (f: Footprint): Planar => {
    let p = cache.get(f);
    if (p) return p;
    const vertices = verticesOf(f.core).map(projection.forward);
    const rings = f.core.type === 'Polygon' ? f.core.coordinates.map((r) => r.map(projection.forward)) : [];
    const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of vertices) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
    p = { vertices, rings, box, reachM: f.reachKm * 1000 };
    cache.set(f, p);
    return p;
  };
  return (fa, fb) => {
    const a = planar(fa);
    const b = planar(fb);
    const core = coreDistanceM(a, b);
    return Math.max(0, core - a.reachM - b.reachM) / 1000;
  };
}

function inPolygon(p: Position, rings: Position[][]): boolean {
  if (!pointInRing(p, rings[0])) return false;
  for (let k = 1; k < rings.length; k++) if (pointInRing(p, rings[k])) return false;
  return true;
}

/** Distance in metres between two projected core geometries (0 where one lies in the other or they cross). */
function coreDistanceM(a: Planar, b: Planar): number {
  if (a.rings.length && b.vertices.some((v) => inPolygon(v, a.rings))) return 0;
  if (b.rings.length && a.vertices.some((v) => inPolygon(v, b.rings))) return 0;
  const segsA = segments(a.vertices);
  const segsB = segments(b.vertices);
  let best = Infinity;
  for (const [p, q] of segsA) {
    for (const [r, s] of segsB) {
      const d = segmentSegmentDistance(p, q, r, s);
      if (d < best) best = d;
      if (best === 0) return 0;
    }
  }
  return best;
}

function segments(vertices: Position[]): Array<[Position, Position]> {
  if (vertices.length === 1) return [[vertices[0], vertices[0]]];
  const out: Array<[Position, Position]> = [];
  for (let k = 1; k < vertices.length; k++) out.push([vertices[k - 1], vertices[k]]);
  return out;
}

/** The index pair of two non-adjacent segments of a path that cross or touch, or null. */
function selfCrossing(path: Position[], closed: boolean): [number, number] | null {
  const n = path.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (closed && i === 0 && j === n - 1) continue;
      if (segmentSegmentDistance(path[i], path[i + 1], path[j], path[j + 1]) < 0.5) return [i, j];
    }
  }
  return null;
}

function checkPosition(p: Position, field: string): void {
  if (!Number.isFinite(p[0]) || p[0] < -180 || p[0] > 180) throw invalid(field, 'longitude must be -180 to 180');
  if (!Number.isFinite(p[1]) || p[1] < -80 || p[1] > 84) throw invalid(field, 'latitude must be -80 to 84');
}

/**
 * Checks an activity's area: a radius or buffer in range, no more vertices than allowed, an extent
 * and area of a sensible size, and a route or polygon outline that does not cross itself. Throws a
 * validation error naming the field and the reason.
 */
export function checkActivityArea(area: ActivityArea): void {
  const L = activityLimits;
  if (area.shape === 'point') {
    checkPosition(area.geometry.coordinates, 'area.point');
    if (!(area.radiusKm > 0 && area.radiusKm <= L.maxRadiusKm))
      throw invalid('area.radius_km', `must be more than 0 and at most ${L.maxRadiusKm} km`);
    return;
  }
  const path = area.shape === 'route' ? area.geometry.coordinates : area.geometry.coordinates[0];
  const field = 'area.points';
  for (const [k, p] of path.entries()) checkPosition(p, `${field}.${k}`);
  if (path.length > L.maxVertices) throw invalid(field, `at most ${L.maxVertices} points`);
  if (area.shape === 'route') {
    if (path.length < 2) throw invalid(field, 'a route needs at least 2 points');
    if (!(area.bufferKm > 0 && area.bufferKm <= L.maxBufferKm))
      throw invalid('area.buffer_km', `must be more than 0 and at most ${L.maxBufferKm} km`);
  } else if (path.length < 4) {
    throw invalid(field, 'a polygon needs at least 3 distinct points');
  }
  const [w, s, e, n] = geometryBBox(area.geometry);
  const extent = distanceKm([w, s], [e, n]);
  if (extent > L.maxExtentKm) throw invalid(field, `spans ${Math.round(extent)} km: at most ${L.maxExtentKm} km`);
  const projection = createProjection((w + e) / 2, (s + n) / 2);
  const planarPath = path.map(projection.forward);
  const crossing = selfCrossing(planarPath, area.shape === 'polygon');
  if (crossing) {
    const what = area.shape === 'route' ? 'route' : 'polygon outline';
    throw invalid(field, `the ${what} crosses itself (segments ${crossing[0] + 1} and ${crossing[1] + 1})`);
  }
  if (area.shape === 'polygon') {
    const km2 = planarArea({ type: 'Polygon', coordinates: [planarPath] }) / 1e6;
    if (!(km2 > 0.0001)) throw invalid(field, 'the polygon has no area');
    if (km2 > L.maxAreaKm2) throw invalid(field, `covers ${Math.round(km2)} km²: at most ${L.maxAreaKm2} km²`);
  }
}
