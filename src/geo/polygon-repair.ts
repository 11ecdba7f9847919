import Flatbush from 'flatbush';
import { invalid } from '../domain/errors.ts';
import type { Areal, Position } from '../domain/geojson.ts';
import { planarOverlay, planarUnionAll } from './jsts-engine.ts';
import { planarArea, polygonsOf } from './planar-segments.ts';
import { mapPositions, projectionFor } from './projection.ts';

/** An areal geometry made valid, and why it had to be (null when it was valid already). */
export interface RepairedAreal {
  geometry: Areal;
  problem: string | null;
}

const fmt = (p: Position) => `[${p[0]}, ${p[1]}]`;

function orient(a: Position, b: Position, c: Position): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(a: Position, b: Position, p: Position): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

/** How two segments meet: not at all, crossing at interior points, or touching/overlapping. */
function meet(a: Position, b: Position, c: Position, d: Position): 'none' | 'cross' | 'touch' {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 * o2 < 0 && o3 * o4 < 0) return 'cross';
  if ((o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d))) return 'touch';
  if ((o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b))) return 'touch';
  return 'none';
}

/** Rings without repeated consecutive positions, checked for size and finiteness. */
function cleanRings(g: Areal, field: string): Position[][][] {
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates))
    throw invalid(field, 'must be a GeoJSON Polygon or MultiPolygon');
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polygons.map((rings) =>
    rings.map((ring) => {
      const out: Position[] = [];
      for (const p of ring) {
        if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
          throw invalid(field, 'has a position that is not a pair of finite numbers');
        const last = out[out.length - 1];
        if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push([p[0], p[1]]);
      }
      if (out.length > 1 && (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1]))
        out.push(out[0]);
      if (out.length < 4) throw invalid(field, 'has a ring with fewer than three distinct corners');
      return out;
    }),
  );
}

/**
 * The first defect that makes an areal geometry invalid for overlay (a ring crossing or touching itself, rings of
 * a polygon crossing, parts of a MultiPolygon overlapping), described for people; null when there is none.
 */
export function arealProblem(g: Areal, field = 'geometry'): string | null {
  const polygons = cleanRings(g, field);
  const segs: Array<{ a: Position; b: Position; poly: number; ring: number; k: number; n: number }> = [];
  polygons.forEach((rings, poly) => {
    rings.forEach((ring, r) => {
      for (let k = 0; k + 1 < ring.length; k++)
        segs.push({ a: ring[k], b: ring[k + 1], poly, ring: r, k, n: ring.length - 1 });
    });
  });
  const index = new Flatbush(segs.length);
  for (const s of segs)
    index.add(Math.min(s.a[0], s.b[0]), Math.min(s.a[1], s.b[1]), Math.max(s.a[0], s.b[0]), Math.max(s.a[1], s.b[1]));
  index.finish();
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    const hits = index.search(
      Math.min(s.a[0], s.b[0]),
      Math.min(s.a[1], s.b[1]),
      Math.max(s.a[0], s.b[0]),
      Math.max(s.a[1], s.b[1]),
    );
    for (const j of hits) {
      if (j <= i) continue;
      const t = segs[j];
      const sameRing = s.poly === t.poly && s.ring === t.ring;
      const adjacent = sameRing && (Math.abs(s.k - t.k) === 1 || Math.abs(s.k - t.k) === s.n - 1);
      const how = meet(s.a, s.b, t.a, t.b);
      if (how === 'none') continue;
      if (adjacent) {
        // Neighbours share a corner; they are a defect only when they fold back over each other.
        if (orient(s.a, s.b, t.b) === 0 && orient(s.a, s.b, t.a) === 0 && s.n > 2) {
          const shared = s.b[0] === t.a[0] && s.b[1] === t.a[1] ? s.b : s.a;
          const other = shared === s.b ? t.b : t.a;
          const back = shared === s.b ? s.a : s.b;
          if ((other[0] - shared[0]) * (back[0] - shared[0]) + (other[1] - shared[1]) * (back[1] - shared[1]) > 0)
            return `ring ${s.ring} of polygon ${s.poly} folds back on itself at ${fmt(shared)}`;
        }
        continue;
      }
      if (sameRing) return `ring ${s.ring} of polygon ${s.poly} crosses itself near ${fmt(s.b)}`;
      if (s.poly === t.poly && how === 'cross') return `rings of polygon ${s.poly} cross near ${fmt(s.b)}`;
    }
  }
  if (polygons.length > 1) {
    // Parts may touch but not overlap: their union must have the area of their sum.
    const projection = projectionFor({ type: 'MultiPolygon', coordinates: polygons });
    const parts = polygons.map(
      (rings): Areal => ({ type: 'Polygon', coordinates: rings.map((r) => r.map(projection.forward)) }),
    );
    const sum = parts.reduce((a, p) => a + planarArea(p), 0);
    if (sum - planarArea(planarUnionAll(parts)) > 1e-9 * sum) return 'parts of the MultiPolygon overlap';
  }
  return null;
}

/**
 * Where segments a→b and c→d meet, as [parameter along a→b, parameter along c→d, the point]: their crossing, or the
 * ends of one that touch the other (collinear overlaps give both ends). Each point is computed once, so both
 * segments get exactly the same node.
 */
function meetings(a: Position, b: Position, c: Position, d: Position): Array<[number, number, Position]> {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const denom = rx * sy - ry * sx;
  const ab2 = rx * rx + ry * ry;
  const cd2 = sx * sx + sy * sy;
  if (ab2 === 0 || cd2 === 0) return [];
  if (denom !== 0) {
    const t = ((c[0] - a[0]) * sy - (c[1] - a[1]) * sx) / denom;
    const u = ((c[0] - a[0]) * ry - (c[1] - a[1]) * rx) / denom;
    if (t < 0 || t > 1 || u < 0 || u > 1) return [];
    const p: Position = t === 0 ? a : t === 1 ? b : u === 0 ? c : u === 1 ? d : [a[0] + t * rx, a[1] + t * ry];
    return [[t, u, p]];
  }
  if ((c[0] - a[0]) * ry - (c[1] - a[1]) * rx !== 0) return [];
  const out: Array<[number, number, Position]> = [];
  for (const p of [c, d]) {
    const t = ((p[0] - a[0]) * rx + (p[1] - a[1]) * ry) / ab2;
    if (t > 0 && t < 1) out.push([t, p === c ? 0 : 1, p]);
  }
  for (const p of [a, b]) {
    const u = ((p[0] - c[0]) * sx + (p[1] - c[1]) * sy) / cd2;
    if (u > 0 && u < 1) out.push([p === a ? 0 : 1, u, p]);
  }
  return out;
}

/** Inserts every crossing and touching point as a vertex of each ring, so the rings meet only at vertices. */
function nodeRings(polygons: Position[][][]): Position[][][] {
  const segs: Array<{ a: Position; b: Position }> = [];
  for (const rings of polygons)
    for (const ring of rings) for (let k = 0; k + 1 < ring.length; k++) segs.push({ a: ring[k], b: ring[k + 1] });
  const index = new Flatbush(Math.max(segs.length, 1));
  for (const { a, b } of segs)
    index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  index.finish();
  const nodes: Array<Array<[number, Position]>> = segs.map(() => []);
  segs.forEach(({ a, b }, i) => {
    for (const j of index.search(
      Math.min(a[0], b[0]),
      Math.min(a[1], b[1]),
      Math.max(a[0], b[0]),
      Math.max(a[1], b[1]),
    )) {
      if (j <= i) continue;
      for (const [t, u, p] of meetings(a, b, segs[j].a, segs[j].b)) {
        if (t > 0 && t < 1) nodes[i].push([t, p]);
        if (u > 0 && u < 1) nodes[j].push([u, p]);
      }
    }
  });
  let n = 0;
  return polygons.map((rings) =>
    rings.map((ring) => {
      const out: Position[] = [ring[0]];
      const push = (p: Position) => {
        const last = out[out.length - 1];
        if (p[0] !== last[0] || p[1] !== last[1]) out.push(p);
      };
      for (let k = 0; k + 1 < ring.length; k++, n++) {
        for (const [, p] of nodes[n].sort((x, y) => x[0] - y[0])) push(p);
        push(segs[n].b);
      }
      return out;
    }),
  );
}

/** Splits a noded ring at its repeated vertices into simple closed loops (zero-area loops dropped). */
function simpleLoops(ring: Position[]): Position[][] {
  const loops: Position[][] = [];
  const stack: Position[] = [];
  const seen = new Map<string, number>();
  const key = (p: Position) => `${p[0]},${p[1]}`;
  for (const p of ring) {
    const at = seen.get(key(p));
    if (at === undefined) {
      seen.set(key(p), stack.length);
      stack.push(p);
      continue;
    }
    const loop = stack.splice(at + 1);
    for (const q of loop) seen.delete(key(q));
    loops.push([stack[at], ...loop, stack[at]]);
  }
  return loops.filter((l) => l.length >= 4 && planarArea({ type: 'Polygon', coordinates: [l] }) > 0);
}

/**
 * Makes an areal geometry valid: self-intersecting rings are split at their crossings into simple loops combined by
 * the even-odd rule (a bow-tie becomes two triangles), overlapping parts are merged. Refuses, with the reason, a
 * geometry that has no area left.
 */
export function repairAreal(g: Areal, field = 'geometry'): RepairedAreal {
  const problem = arealProblem(g, field);
  const polygons = cleanRings(g, field);
  const clean: Areal =
    polygons.length === 1
      ? { type: 'Polygon', coordinates: polygons[0] }
      : { type: 'MultiPolygon', coordinates: polygons };
  if (problem === null) return { geometry: clean, problem: null };
  const projection = projectionFor(clean);
  // Every crossing becomes a vertex; each ring then falls apart into simple loops, which combine by the even-odd
  // rule (symmetric difference) within a polygon, and by union across the parts of a MultiPolygon.
  const parts = nodeRings(polygonsOf(mapPositions(clean, projection.forward))).map((rings) => {
    let acc: Areal = { type: 'MultiPolygon', coordinates: [] };
    for (const ring of rings)
      for (const loop of simpleLoops(ring)) {
        const p: Areal = { type: 'Polygon', coordinates: [loop] };
        acc =
          acc.coordinates.length === 0
            ? p
            : planarUnionAll([planarOverlay('difference', acc, p), planarOverlay('difference', p, acc)]);
      }
    return acc;
  });
  const fixed = planarUnionAll(parts);
  if (fixed.coordinates.length === 0) throw invalid(field, `${problem}, and nothing with an area is left`);
  return { geometry: mapPositions(fixed, projection.inverse), problem };
}
