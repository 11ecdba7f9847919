import type { Areal, Position } from '../domain/geojson.ts';
import { pointInPolygonRings } from './point-in-polygon.ts';

/** Signed planar area (shoelace) and centroid of one ring, in the ring's own units. */
function ringMoments(ring: Position[]): { area: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  // Relative to the first vertex, so lon/lat magnitudes do not eat the precision.
  const [x0, y0] = ring[0];
  for (let i = 1; i < ring.length; i++) {
    const xa = ring[i - 1][0] - x0;
    const ya = ring[i - 1][1] - y0;
    const xb = ring[i][0] - x0;
    const yb = ring[i][1] - y0;
    const cross = xa * yb - xb * ya;
    a += cross;
    cx += (xa + xb) * cross;
    cy += (ya + yb) * cross;
  }
  if (a === 0) return { area: 0, cx: x0, cy: y0 };
  return { area: a / 2, cx: x0 + cx / (3 * a), cy: y0 + cy / (3 * a) };
}

/** Area and centroid of a polygon (exterior ring less its holes), planar in lon/lat. */
function polygonMoments(rings: Position[][]): { area: number; centroid: Position } {
  let area = 0;
  let sx = 0;
  let sy = 0;
  rings.forEach((ring, i) => {
    const m = ringMoments(ring);
    const a = Math.abs(m.area) * (i === 0 ? 1 : -1);
    area += a;
    sx += m.cx * a;
    sy += m.cy * a;
  });
  if (area <= 0) return { area: 0, centroid: rings[0][0] };
  return { area, centroid: [sx / area, sy / area] };
}

/** Midpoint of the widest run of the horizontal line at `y` that lies inside the polygon, if the line crosses it. */
function widestRunMidpoint(rings: Position[][], y: number): Position | null {
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      // The same half-open rule as pointInRing, so the runs agree with it.
      if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
  }
  xs.sort((a, b) => a - b);
  let best: Position | null = null;
  let width = 0;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    if (xs[k + 1] - xs[k] > width) {
      width = xs[k + 1] - xs[k];
      best = [(xs[k] + xs[k + 1]) / 2, y];
    }
  }
  return best;
}

/**
 * A point guaranteed inside the areal geometry (its largest part): the centroid when that lies inside,
 * otherwise the middle of the widest horizontal run through the centroid's, then the box's middle, latitude.
 */
export function interiorPoint(g: Areal): Position {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  let largest = polygons[0];
  let best = Number.NEGATIVE_INFINITY;
  let centroid: Position = largest?.[0]?.[0] ?? [Number.NaN, Number.NaN];
  for (const rings of polygons) {
    const m = polygonMoments(rings);
    if (m.area > best) {
      best = m.area;
      largest = rings;
      centroid = m.centroid;
    }
  }
  if (!largest) throw new Error('interiorPoint of an empty geometry');
  if (pointInPolygonRings(centroid, largest)) return centroid;
  let south = Number.POSITIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  for (const [, y] of largest[0]) {
    south = Math.min(south, y);
    north = Math.max(north, y);
  }
  for (const y of [centroid[1], (south + north) / 2, south + (north - south) / 3, south + (2 * (north - south)) / 3]) {
    const p = widestRunMidpoint(largest, y);
    if (p && pointInPolygonRings(p, largest)) return p;
  }
  return largest[0][0];
}
