import Flatbush from 'flatbush';
import type { Areal, Position } from '../domain/geojson.ts';

/** Squared distance from (px, py) to the segment (ax, ay)–(bx, by). */
export function pointSegmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  const fx = ax + t * dx - px;
  const fy = ay + t * dy - py;
  return fx * fx + fy * fy;
}

/** Distance between two segments (0 when they cross). */
export function segmentSegmentDistance(a: Position, b: Position, c: Position, d: Position): number {
  const o = (p: Position, q: Position, r: Position) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const d1 = o(a, b, c);
  const d2 = o(a, b, d);
  const d3 = o(c, d, a);
  const d4 = o(c, d, b);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return 0;
  return Math.sqrt(
    Math.min(
      pointSegmentDistance2(a[0], a[1], c[0], c[1], d[0], d[1]),
      pointSegmentDistance2(b[0], b[1], c[0], c[1], d[0], d[1]),
      pointSegmentDistance2(c[0], c[1], a[0], a[1], b[0], b[1]),
      pointSegmentDistance2(d[0], d[1], a[0], a[1], b[0], b[1]),
    ),
  );
}

/** The polygons of an areal geometry as arrays of rings. */
export function polygonsOf(g: Areal): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** A packed R-tree over planar segments, stored flat as ax, ay, bx, by. */
export interface SegmentIndex {
  /** Four numbers per segment. */
  coords: Float64Array;
  count: number;
  index: Flatbush;
  /** Segments whose boxes meet the box. */
  search(minX: number, minY: number, maxX: number, maxY: number): number[];
  /** Distance from a point to the nearest segment, if one lies within `maxDistance` (else Infinity). */
  distanceWithin(x: number, y: number, maxDistance: number): number;
}

/** Indexes segments given as [a, b] pairs. */
export function buildSegmentIndex(segments: ReadonlyArray<readonly [Position, Position]>): SegmentIndex {
  const count = segments.length;
  const coords = new Float64Array(count * 4);
  const index = new Flatbush(Math.max(count, 1));
  segments.forEach(([a, b], i) => {
    coords.set([a[0], a[1], b[0], b[1]], i * 4);
    index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  });
  if (count === 0) index.add(0, 0, 0, 0);
  index.finish();
  const search = (minX: number, minY: number, maxX: number, maxY: number) =>
    count === 0 ? [] : index.search(minX, minY, maxX, maxY);
  return {
    coords,
    count,
    index,
    search,
    distanceWithin(x, y, maxDistance) {
      let best = Number.POSITIVE_INFINITY;
      for (const i of search(x - maxDistance, y - maxDistance, x + maxDistance, y + maxDistance)) {
        const d2 = pointSegmentDistance2(x, y, coords[i * 4], coords[i * 4 + 1], coords[i * 4 + 2], coords[i * 4 + 3]);
        if (d2 < best) best = d2;
      }
      const d = Math.sqrt(best);
      return d <= maxDistance ? d : Number.POSITIVE_INFINITY;
    },
  };
}

/** Every edge of every ring of an areal geometry, as [a, b] pairs. */
export function ringSegments(g: Areal): Array<[Position, Position]> {
  const out: Array<[Position, Position]> = [];
  for (const rings of polygonsOf(g))
    for (const ring of rings) for (let k = 0; k + 1 < ring.length; k++) out.push([ring[k], ring[k + 1]]);
  return out;
}

/** Planar area of an areal geometry in its own units squared (holes subtracted, winding ignored). */
export function planarArea(g: Areal): number {
  let total = 0;
  for (const rings of polygonsOf(g)) {
    rings.forEach((ring, i) => {
      let s = 0;
      for (let k = 1; k < ring.length; k++) s += ring[k - 1][0] * ring[k][1] - ring[k][0] * ring[k - 1][1];
      total += i === 0 ? Math.abs(s / 2) : -Math.abs(s / 2);
    });
  }
  return total;
}
