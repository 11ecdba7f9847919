import type { Areal, LineString, Position } from '../domain/geojson.ts';
import { buildAreaLocator } from './area-locator.ts';
import { distanceKm } from './distance.ts';
import { buildSegmentIndex, ringSegments } from './planar-segments.ts';
import { type Projection, projectionFor } from './projection.ts';

/** A run of the line inside an area: chainage (km along the line from its first vertex), ends and length. */
export interface LineRun {
  start_km: number;
  end_km: number;
  length_km: number;
  start: Position;
  end: Position;
}

/** Parameters along a→b where it meets segment c→d (both ends of a collinear overlap). */
function crossings(a: Position, b: Position, c: Position, d: Position, out: number[]): void {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const denom = rx * sy - ry * sx;
  const qx = c[0] - a[0];
  const qy = c[1] - a[1];
  const len2 = rx * rx + ry * ry;
  if (denom === 0) {
    if (qx * ry - qy * rx !== 0 || len2 === 0) return;
    for (const p of [c, d]) {
      const t = ((p[0] - a[0]) * rx + (p[1] - a[1]) * ry) / len2;
      if (t > 0 && t < 1) out.push(t);
    }
    return;
  }
  const t = (qx * sy - qy * sx) / denom;
  const u = (qx * ry - qy * rx) / denom;
  if (t > 0 && t < 1 && u >= 0 && u <= 1) out.push(t);
}

/**
 * How close (metres) to a vertex of the line a crossing of the area's boundary is taken at the vertex. Only vertices
 * are projected, so a line that starts on a straight WGS84 edge of the zone (e.g. on a meridian) starts a metre or so
 * off it in the plane (the edge's chord and the line's differ); without this its first run would start there.
 */
const vertexSnapM = 5;

/**
 * The runs of a line inside a planar area, in order along the line. `lonLat` is the line in WGS84 (chainage is
 * measured on the sphere), `planar` the same vertices projected, `area` planar in the same frame.
 */
export function planarLineRuns(
  lonLat: readonly Position[],
  planar: readonly Position[],
  area: Areal,
  projection: Projection,
): LineRun[] {
  const segments = ringSegments(area);
  if (segments.length === 0 || planar.length < 2) return [];
  const index = buildSegmentIndex(segments);
  const inside = buildAreaLocator(area);
  const runs: Array<{ s: number; e: number; sp: Position; ep: Position }> = [];
  let cumulative = 0;
  for (let i = 0; i + 1 < planar.length; i++) {
    const a = planar[i];
    const b = planar[i + 1];
    const lengthKm = distanceKm(lonLat[i], lonLat[i + 1]);
    const ts = [0, 1];
    const c = index.coords;
    for (const k of index.search(
      Math.min(a[0], b[0]),
      Math.min(a[1], b[1]),
      Math.max(a[0], b[0]),
      Math.max(a[1], b[1]),
    ))
      crossings(a, b, [c[k * 4], c[k * 4 + 1]], [c[k * 4 + 2], c[k * 4 + 3]], ts);
    const snap = vertexSnapM / (Math.hypot(b[0] - a[0], b[1] - a[1]) || 1);
    ts.sort((x, y) => x - y);
    const cuts = ts.filter((t) => t === 0 || t === 1 || (t > snap && t < 1 - snap));
    const at = (t: number): Position => [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
    for (let j = 0; j + 1 < cuts.length; j++) {
      const [t0, t1] = [cuts[j], cuts[j + 1]];
      if (t1 - t0 < 1e-12 || !inside(at((t0 + t1) / 2))) continue;
      const s = cumulative + t0 * lengthKm;
      const e = cumulative + t1 * lengthKm;
      const prev = runs[runs.length - 1];
      if (prev && Math.abs(prev.e - s) < 1e-9) {
        prev.e = e;
        prev.ep = at(t1);
      } else runs.push({ s, e, sp: at(t0), ep: at(t1) });
    }
    cumulative += lengthKm;
  }
  return runs.map((r) => ({
    start_km: r.s,
    end_km: r.e,
    length_km: r.e - r.s,
    start: projection.inverse(r.sp),
    end: projection.inverse(r.ep),
  }));
}

/** The runs of a WGS84 line inside a WGS84 area (e.g. the uncovered runs of the coordination line in the gap). */
export function lineRunsInside(line: LineString, area: Areal): LineRun[] {
  if (area.coordinates.length === 0) return [];
  const projection = projectionFor(area, line);
  const planar = line.coordinates.map(projection.forward);
  const planarArea: Areal =
    area.type === 'Polygon'
      ? { type: 'Polygon', coordinates: area.coordinates.map((r) => r.map(projection.forward)) }
      : { type: 'MultiPolygon', coordinates: area.coordinates.map((p) => p.map((r) => r.map(projection.forward))) };
  return planarLineRuns(line.coordinates, planar, planarArea, projection);
}

/** The longest run (the first of equal ones), or null when there is none. */
export function longestRun(runs: readonly LineRun[]): LineRun | null {
  let best: LineRun | null = null;
  for (const r of runs) if (!best || r.length_km > best.length_km) best = r;
  return best;
}
