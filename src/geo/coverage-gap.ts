/**
 * The gap of a zone (zone minus the union of coverage footprints) in one pass over the outlines, instead of a union
 * followed by a difference. jsts spends its time on the arrangement of every outline crossing, most of them deep
 * inside the covered ground; here each outline is cut only at its crossings, each piece between two crossings is
 * kept when it bounds the gap (a zone piece outside every footprint, a footprint piece inside the zone and outside
 * every other footprint) and the kept pieces are chained into rings. It gives up (null) on anything degenerate —
 * touching or collinear outlines, a crossing that does not chain up — and the caller then uses jsts.
 */
import Flatbush from 'flatbush';
import type { Areal, Position } from '../domain/geojson.ts';
import { polygonsOf } from './planar-segments.ts';
import { pointInPolygonRings, pointInRing } from './point-in-polygon.ts';
import { segmentCrossings } from './segment-crossings.ts';

interface Ring {
  points: Position[];
  /** 0 for the zone, k + 1 for footprint k. */
  group: number;
  /** Index of its first segment in the flat segment arrays. */
  first: number;
}

interface Run {
  points: Position[];
  /** Crossings it starts and ends at (-1 for a ring no outline crosses). */
  from: number;
  to: number;
}

function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return s / 2;
}

/** A closed ring without repeated consecutive positions, turned so the polygon's inside is on its left. */
function oriented(ring: Position[], exterior: boolean): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) out.push(first);
  return signedArea(out) > 0 === exterior ? out : out.reverse();
}

function boxOf(points: Position[]): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let k = 0; k < points.length; k++) {
    const x = points[k][0];
    const y = points[k][1];
    if (x < w) w = x;
    if (y < s) s = y;
    if (x > e) e = x;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}

/**
 * Discs around a footprint's vertex mean that settle most point tests without walking its outline: a point beyond
 * the farthest vertex is outside; a convex footprint holds every point nearer than its nearest edge (circles are).
 */
function discsOf(polygons: Position[][][]): { x: number; y: number; inner2: number; outer2: number } {
  const shell = polygons[0][0];
  const n = shell.length - 1;
  let x = 0;
  let y = 0;
  for (let k = 0; k < n; k++) {
    x += shell[k][0];
    y += shell[k][1];
  }
  x /= n;
  y /= n;
  let outer2 = 0;
  for (const rings of polygons) for (const p of rings[0]) outer2 = Math.max(outer2, (p[0] - x) ** 2 + (p[1] - y) ** 2);
  let inner2 = polygons.length === 1 && polygons[0].length === 1 ? Number.POSITIVE_INFINITY : 0;
  for (let k = 0; k < n && inner2 > 0; k++) {
    const a = shell[k];
    const b = shell[k + 1];
    const c = shell[(k + 2) % n];
    const ux = b[0] - a[0];
    const uy = b[1] - a[1];
    // A left turn at every vertex and the mean on the left of every edge: convex, and the mean inside.
    const turn = ux * (c[1] - b[1]) - uy * (c[0] - b[0]);
    const side = ux * (y - a[1]) - uy * (x - a[0]);
    if (!(turn > 0 && side > 0)) inner2 = 0;
    else inner2 = Math.min(inner2, (side * side) / (ux * ux + uy * uy));
  }
  // A hair inside the nearest edge, so rounding never calls a point on the outline covered.
  return { x, y, inner2: inner2 * (1 - 1e-9), outer2: outer2 * (1 + 1e-9) };
}

/** Cuts each ring at its crossings (ordered along it) into runs from crossing to crossing. */
function runsOf(ring: Ring, stops: Array<{ at: number; node: number; x: number; y: number }>): Run[] | null {
  const pts = ring.points;
  const n = pts.length - 1;
  if (stops.length === 0) return [{ points: pts, from: -1, to: -1 }];
  stops.sort((a, b) => a.at - b.at);
  for (let i = 1; i < stops.length; i++) if (!(stops[i].at > stops[i - 1].at)) return null;
  const runs: Run[] = [];
  for (let i = 0; i < stops.length; i++) {
    const a = stops[i];
    const b = stops[(i + 1) % stops.length];
    const points: Position[] = [[a.x, a.y]];
    let k = Math.floor(a.at);
    const end = Math.floor(b.at) + (b.at <= a.at ? n : 0);
    while (k < end) points.push(pts[++k % n]);
    points.push([b.x, b.y]);
    runs.push({ points, from: a.node, to: b.node });
  }
  return runs;
}

/**
 * The planar gap of `zone` under `footprints` (valid areal geometries in the same planar frame), or null when the
 * outlines touch or overlap anywhere (then use a robust overlay). `contains` tells whether a point is in the zone.
 */
export function planarGapOf(zone: Areal, footprints: Areal[], contains: (p: Position) => boolean): Areal | null {
  const rings: Ring[] = [];
  const groups: Position[][][][] = [];
  let segments = 0;
  const add = (polygons: Position[][][], group: number) => {
    const own: Position[][][] = [];
    for (const polygon of polygons) {
      const turned = polygon.map((r, i) => oriented(r, i === 0));
      if (turned.some((r) => r.length < 4)) return false;
      own.push(turned);
      for (const points of turned) {
        rings.push({ points, group, first: segments });
        segments += points.length - 1;
      }
    }
    if (group > 0) groups.push(own);
    return true;
  };
  if (!add(polygonsOf(zone), 0)) return null;
  for (let k = 0; k < footprints.length; k++) if (!add(polygonsOf(footprints[k]), k + 1)) return null;

  const flat = {
    x: new Float64Array(2 * segments),
    y: new Float64Array(2 * segments),
    group: new Int32Array(segments),
    count: segments,
  };
  const ringOf = new Int32Array(segments);
  rings.forEach((ring, r) => {
    const pts = ring.points;
    for (let k = 0; k + 1 < pts.length; k++) {
      const s = ring.first + k;
      flat.x[2 * s] = pts[k][0];
      flat.y[2 * s] = pts[k][1];
      flat.x[2 * s + 1] = pts[k + 1][0];
      flat.y[2 * s + 1] = pts[k + 1][1];
      flat.group[s] = ring.group;
      ringOf[s] = r;
    }
  });
  const crossings = segmentCrossings(flat);
  if (!crossings) return null;

  const stops = rings.map(() => [] as Array<{ at: number; node: number; x: number; y: number }>);
  for (let c = 0; c < crossings.a.length; c++) {
    const [x, y] = [crossings.x[c], crossings.y[c]];
    for (const [s, t] of [
      [crossings.a[c], crossings.ta[c]],
      [crossings.b[c], crossings.tb[c]],
    ]) {
      const r = ringOf[s];
      stops[r].push({ at: s - rings[r].first + t, node: c, x, y });
    }
  }

  const boxes = new Flatbush(Math.max(groups.length, 1));
  for (const polygons of groups) {
    const [w, s, e, n] = boxOf(polygons.flatMap((p) => p[0]));
    boxes.add(w, s, e, n);
  }
  if (groups.length === 0) boxes.add(0, 0, 0, 0);
  boxes.finish();
  const discs = groups.map(discsOf);
  const covered = (p: Position, except: number) => {
    if (groups.length === 0) return false;
    for (const k of boxes.search(p[0], p[1], p[0], p[1])) {
      if (k + 1 === except) continue;
      const d = discs[k];
      const d2 = (p[0] - d.x) ** 2 + (p[1] - d.y) ** 2;
      if (d2 < d.inner2) return true;
      if (d2 > d.outer2) continue;
      if (groups[k].some((rings) => pointInPolygonRings(p, rings))) return true;
    }
    return false;
  };

  // Kept runs, turned so the gap lies on their left: a footprint's runs are walked backwards.
  const kept: Run[] = [];
  for (let r = 0; r < rings.length; r++) {
    const runs = runsOf(rings[r], stops[r]);
    if (!runs) return null;
    const group = rings[r].group;
    for (const run of runs) {
      const [a, b] = run.points;
      const probe: Position = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      if (group === 0 ? covered(probe, 0) : !contains(probe) || covered(probe, group)) continue;
      kept.push(group === 0 ? run : { points: run.points.reverse(), from: run.to, to: run.from });
    }
  }
  return chain(kept);
}

/** Chains kept runs into rings (each crossing must join exactly one run in to one run out) and nests the holes. */
function chain(kept: Run[]): Areal | null {
  const startingAt = new Map<number, number>();
  for (let i = 0; i < kept.length; i++) {
    const from = kept[i].from;
    if (from < 0) continue;
    if (startingAt.has(from)) return null;
    startingAt.set(from, i);
  }
  const used = new Uint8Array(kept.length);
  const shells: Position[][] = [];
  const holes: Position[][] = [];
  for (let i = 0; i < kept.length; i++) {
    if (used[i]) continue;
    let ring: Position[];
    if (kept[i].from < 0) {
      used[i] = 1;
      ring = kept[i].points;
    } else {
      ring = [];
      let j = i;
      do {
        if (used[j]) return null;
        used[j] = 1;
        const pts = kept[j].points;
        for (let k = 0; k + 1 < pts.length; k++) ring.push(pts[k]);
        const next = startingAt.get(kept[j].to);
        if (next === undefined) return null;
        j = next;
      } while (j !== i);
      ring.push(ring[0]);
    }
    const area = signedArea(ring);
    if (ring.length < 4 || area === 0) return null;
    (area > 0 ? shells : holes).push(ring);
  }
  const shellArea = shells.map(signedArea);
  const shellBox = shells.map(boxOf);
  const polygons: Position[][][] = shells.map((s) => [s]);
  for (const hole of holes) {
    const p = hole[0];
    let best = -1;
    for (let s = 0; s < shells.length; s++) {
      const [w, so, e, n] = shellBox[s];
      if (p[0] < w || p[0] > e || p[1] < so || p[1] > n) continue;
      if ((best < 0 || shellArea[s] < shellArea[best]) && pointInRing(p, shells[s])) best = s;
    }
    if (best < 0) return null;
    polygons[best].push(hole);
  }
  // Holes in order of their lowest vertex, like the polygons, so the output does not depend on the walk.
  for (const rings of polygons) {
    const holeKey = new Map(rings.slice(1).map((h) => [h, lowest(h)]));
    const sortedHoles = rings.slice(1).sort((a, b) => {
      const [ka, kb] = [holeKey.get(a)!, holeKey.get(b)!];
      return ka[1] - kb[1] || ka[0] - kb[0];
    });
    rings.splice(1, rings.length - 1, ...sortedHoles);
  }
  const key = shells.map(lowest);
  const order = polygons.map((_, i) => i).sort((i, j) => key[i][1] - key[j][1] || key[i][0] - key[j][0]);
  const sorted = order.map((i) => polygons[i]);
  return sorted.length === 1
    ? { type: 'Polygon', coordinates: sorted[0] }
    : { type: 'MultiPolygon', coordinates: sorted };
}

/** The lowest vertex of a ring (leftmost among equals), a stable key to order polygons by. */
function lowest(ring: Position[]): Position {
  let best = ring[0];
  for (const p of ring) if (p[1] < best[1] || (p[1] === best[1] && p[0] < best[0])) best = p;
  return best;
}
