import type { Areal, Position } from '../domain/geojson.ts';
import { polygonsOf } from './planar-segments.ts';

/**
 * Point-in-area for many queries against one large geometry: edges are bucketed into horizontal bands, so a query
 * casts its ray (towards +x, even-odd, the half-open rule of `pointInRing`) only across the edges of its band.
 */
export function buildAreaLocator(g: Areal): (p: Position) => boolean {
  const edges: number[] = [];
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const rings of polygonsOf(g))
    for (const ring of rings)
      for (let k = 0; k + 1 < ring.length; k++) {
        const [ax, ay] = ring[k];
        const [bx, by] = ring[k + 1];
        if (ay === by) continue; // horizontal edges never cross a horizontal ray under the half-open rule
        edges.push(ax, ay, bx, by);
        minY = Math.min(minY, ay, by);
        maxY = Math.max(maxY, ay, by);
      }
  const n = edges.length / 4;
  if (n === 0) return () => false;
  const bandCount = Math.max(1, Math.min(4096, Math.ceil(Math.sqrt(n) * 2)));
  const height = (maxY - minY) / bandCount || 1;
  const bandOf = (y: number) => Math.min(bandCount - 1, Math.max(0, Math.floor((y - minY) / height)));
  const bands: number[][] = Array.from({ length: bandCount }, () => []);
  for (let e = 0; e < n; e++) {
    const y1 = edges[e * 4 + 1];
    const y2 = edges[e * 4 + 3];
    for (let b = bandOf(Math.min(y1, y2)); b <= bandOf(Math.max(y1, y2)); b++) bands[b].push(e);
  }
  return ([x, y]) => {
    if (!(y >= minY && y <= maxY)) return false;
    let inside = false;
    for (const e of bands[bandOf(y)]) {
      const xi = edges[e * 4];
      const yi = edges[e * 4 + 1];
      const xj = edges[e * 4 + 2];
      const yj = edges[e * 4 + 3];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}
