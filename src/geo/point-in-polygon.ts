import type { Areal, Position } from '../domain/geojson.ts';

/**
 * True when the point lies inside the ring (even-odd ray casting towards +x).
 * The half-open test `(yi > y) !== (yj > y)` counts a vertex on the ray once, so rays through vertices are exact;
 * a point exactly on an edge may fall either way.
 */
export function pointInRing(p: Position, ring: Position[]): boolean {
  const [x, y] = p;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the point lies inside a Polygon's exterior ring and outside all its holes. */
export function pointInPolygonRings(p: Position, rings: Position[][]): boolean {
  if (rings.length === 0 || !pointInRing(p, rings[0])) return false;
  for (let i = 1; i < rings.length; i++) if (pointInRing(p, rings[i])) return false;
  return true;
}

/** True when the lon/lat point lies inside the Polygon or MultiPolygon (holes excluded). */
export function pointInAreal(p: Position, areal: Areal): boolean {
  if (areal.type === 'Polygon') return pointInPolygonRings(p, areal.coordinates);
  for (const poly of areal.coordinates) if (pointInPolygonRings(p, poly)) return true;
  return false;
}
