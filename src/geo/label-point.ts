import type { Areal, BBox, Position } from '../domain/geojson.ts';
import { interiorPoint } from './interior-point.ts';

/** Clips one ring to a box (Sutherland–Hodgman): the part of the ring's area inside the box, as a closed ring. */
export function clipRingToBox(ring: readonly Position[], [west, south, east, north]: BBox): Position[] {
  const edges: Array<[(p: Position) => boolean, (a: Position, b: Position) => Position]> = [
    [(p) => p[0] >= west, (a, b) => [west, a[1] + ((b[1] - a[1]) * (west - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= east, (a, b) => [east, a[1] + ((b[1] - a[1]) * (east - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= south, (a, b) => [a[0] + ((b[0] - a[0]) * (south - a[1])) / (b[1] - a[1]), south]],
    [(p) => p[1] <= north, (a, b) => [a[0] + ((b[0] - a[0]) * (north - a[1])) / (b[1] - a[1]), north]],
  ];
  // Open ring: the closing vertex is added back at the end.
  let points = ring.slice(0, ring.length > 1 && samePoint(ring[0], ring[ring.length - 1]) ? -1 : undefined);
  for (const [inside, cut] of edges) {
    if (points.length === 0) break;
    const out: Position[] = [];
    for (let i = 0; i < points.length; i++) {
      const current = points[i];
      const previous = points[(i + points.length - 1) % points.length];
      if (inside(current)) {
        if (!inside(previous)) out.push(cut(previous, current));
        out.push(current);
      } else if (inside(previous)) out.push(cut(previous, current));
    }
    points = out;
  }
  return points.length >= 3 ? [...points, points[0]] : [];
}

function samePoint(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function ringArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 1; i < ring.length; i++) a += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return Math.abs(a / 2);
}

/**
 * Where to write an area's name so it shows inside a box (the map's view): a point inside the largest part of the
 * area that lies in the box, or null when too little of it does (less than `minShare` of the box).
 */
export function labelPointInBox(g: Areal, box: BBox, minShare = 0.01): Position | null {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const boxArea = (box[2] - box[0]) * (box[3] - box[1]);
  let best: Position[][] | null = null;
  let bestArea = minShare * boxArea;
  for (const rings of polygons) {
    const outer = clipRingToBox(rings[0], box);
    if (outer.length === 0) continue;
    const area = ringArea(outer);
    if (area <= bestArea) continue;
    const holes = rings
      .slice(1)
      .map((h) => clipRingToBox(h, box))
      .filter((h) => h.length > 0);
    best = [outer, ...holes];
    bestArea = area;
  }
  return best ? interiorPoint({ type: 'Polygon', coordinates: best }) : null;
}
