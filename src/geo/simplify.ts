import type { Areal, MultiPolygon, Position } from '../domain/geojson.ts';

/** Squared distance from p to the segment a–b, planar. */
function segmentDistance2(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let x = a[0];
  let y = a[1];
  const len2 = dx * dx + dy * dy;
  if (len2 > 0) {
    const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
    x += t * dx;
    y += t * dy;
  }
  return (p[0] - x) ** 2 + (p[1] - y) ** 2;
}

/** Douglas–Peucker on an open run of points: keeps both ends and every point further than the tolerance. */
function simplifyRun(points: Position[], tolerance: number): Position[] {
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const tol2 = tolerance * tolerance;
  // An explicit stack: a ring of 100,000 vertices must not overflow the call stack.
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let worst = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(points[i], points[first], points[last]);
      if (d > worst) {
        worst = d;
        index = i;
      }
    }
    if (index !== -1 && worst > tol2) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

function ringArea2(ring: Position[]): number {
  let a = 0;
  const [x0, y0] = ring[0];
  for (let i = 1; i + 1 < ring.length; i++)
    a += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
  return a;
}

function roundTo(x: number, factor: number): number {
  return Math.round(x * factor) / factor;
}

/**
 * A closed ring simplified and rounded, or null when it collapses (fewer than 4 positions or no
 * area left). The ring is split at its first vertex and the vertex furthest from it, so both
 * halves are open runs with distinct ends.
 */
function simplifyRing(ring: Position[], tolerance: number, factor: number): Position[] | null {
  const open =
    ring.length > 1 && ring[0][0] === ring.at(-1)![0] && ring[0][1] === ring.at(-1)![1] ? ring.slice(0, -1) : ring;
  if (open.length < 3) return null;
  let far = 0;
  let farD = -1;
  for (let i = 1; i < open.length; i++) {
    const d = (open[i][0] - open[0][0]) ** 2 + (open[i][1] - open[0][1]) ** 2;
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  const kept =
    tolerance > 0
      ? [
          ...simplifyRun(open.slice(0, far + 1), tolerance),
          ...simplifyRun([...open.slice(far), open[0]], tolerance).slice(1),
        ]
      : [...open, open[0]];
  const out: Position[] = [];
  for (const [x, y] of kept) {
    const p: Position = [roundTo(x, factor), roundTo(y, factor)];
    const prev = out.at(-1);
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
  }
  if (out.length < 4 || ringArea2(out) === 0) return null;
  return out;
}

/**
 * A polygon or multipolygon simplified by Douglas–Peucker (`tolerance` in the coordinates' units,
 * degrees for lon/lat) and rounded to `decimals`. Every ring stays closed with at least 4
 * positions; a hole that collapses is dropped, and so is a part whose outer ring collapses. When
 * every part collapses, the largest outer ring is kept rounded but unsimplified, so a small
 * boundary never vanishes from the map; null only when even that has no area left. Rings may
 * touch or cross after simplification.
 */
export function simplifyAreal(g: Areal, tolerance: number, decimals = 5): Areal | null {
  const factor = 10 ** decimals;
  const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const kept: Position[][][] = [];
  for (const rings of parts) {
    const outer = rings[0] && simplifyRing(rings[0], tolerance, factor);
    if (!outer) continue;
    const holes = rings.slice(1).map((h) => simplifyRing(h, tolerance, factor));
    kept.push([outer, ...holes.filter((h): h is Position[] => h !== null)]);
  }
  if (kept.length === 0) {
    let largest: Position[] | null = null;
    let best = -1;
    for (const rings of parts) {
      const area = rings[0] && rings[0].length >= 4 ? Math.abs(ringArea2(rings[0])) : -1;
      if (area > best) {
        best = area;
        largest = rings[0];
      }
    }
    const whole = largest && simplifyRing(largest, 0, factor);
    return whole ? { type: 'Polygon', coordinates: [whole] } : null;
  }
  if (g.type === 'Polygon' || kept.length === 1) return { type: 'Polygon', coordinates: kept[0] };
  return { type: 'MultiPolygon', coordinates: kept } satisfies MultiPolygon;
}
