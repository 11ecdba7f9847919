import type { Areal, LineString, Position } from '../domain/geojson.ts';
import { polygonsOf } from './planar-segments.ts';
import { mapPositions, projectionFor } from './projection.ts';

/** The zone's boundary segments (planar), each marked +1 on the left edge, −1 on the right edge, 0 neither. */
export interface ClassifiedBoundary {
  segments: Array<[Position, Position]>;
  side: Int8Array;
}

/** Cosine of the largest angle between a boundary segment's outward normal and the direction away from the line. */
const facingCos = 0.5;

/**
 * Splits the zone's outer boundary into its two edges, for a buffer of the line or a drawn zone alike. A boundary
 * segment belongs to an edge when its midpoint (1) is more than `toleranceM` from the line, (2) does not lie beyond
 * either end of the line (its nearest point is an end and it sits past it: the end caps), and (3) faces away from
 * the line (its outward normal is within 60° of the direction from the nearest point of the line): this drops the
 * short ends of a drawn zone that the line runs through. The side is that of the midpoint (left = positive, walking
 * from the line's first vertex; at a vertex of the line, the bisector of its two segments decides).
 */
export function classifyZoneBoundary(zone: Areal, line: readonly Position[], toleranceM = 1): ClassifiedBoundary {
  const segments: Array<[Position, Position]> = [];
  const sides: number[] = [];
  const last = line.length - 2;
  const unit = (i: number): Position => {
    const dx = line[i + 1][0] - line[i][0];
    const dy = line[i + 1][1] - line[i][1];
    const len = Math.hypot(dx, dy) || 1;
    return [dx / len, dy / len];
  };
  const units = line.slice(0, -1).map((_, i) => unit(i));
  for (const rings of polygonsOf(zone)) {
    const ring = rings[0];
    let twice = 0;
    for (let k = 1; k < ring.length; k++) twice += ring[k - 1][0] * ring[k][1] - ring[k][0] * ring[k - 1][1];
    const ccw = twice > 0;
    for (let k = 0; k + 1 < ring.length; k++) {
      const a = ring[k];
      const b = ring[k + 1];
      segments.push([a, b]);
      const mx = (a[0] + b[0]) / 2;
      const my = (a[1] + b[1]) / 2;
      let best = { d2: Number.POSITIVE_INFINITY, seg: 0, t: 0, raw: 0 };
      for (let i = 0; i <= last; i++) {
        const [ax, ay] = line[i];
        const dx = line[i + 1][0] - ax;
        const dy = line[i + 1][1] - ay;
        const len2 = dx * dx + dy * dy;
        const raw = len2 === 0 ? 0 : ((mx - ax) * dx + (my - ay) * dy) / len2;
        const t = Math.max(0, Math.min(1, raw));
        const d2 = (mx - ax - t * dx) ** 2 + (my - ay - t * dy) ** 2;
        if (d2 < best.d2) best = { d2, seg: i, t, raw };
      }
      const { seg, t } = best;
      const fx = line[seg][0] + t * (line[seg + 1][0] - line[seg][0]);
      const fy = line[seg][1] + t * (line[seg + 1][1] - line[seg][1]);
      const dist = Math.sqrt(best.d2);
      const beyondStart = seg === 0 && best.raw < 0 && (mx - fx) * units[0][0] + (my - fy) * units[0][1] < -toleranceM;
      const beyondEnd =
        seg === last && best.raw > 1 && (mx - fx) * units[last][0] + (my - fy) * units[last][1] > toleranceM;
      const ex = b[0] - a[0];
      const ey = b[1] - a[1];
      const elen = Math.hypot(ex, ey) || 1;
      const [nx, ny] = ccw ? [ey / elen, -ex / elen] : [-ey / elen, ex / elen];
      const facing = dist > 0 && (nx * (mx - fx) + ny * (my - fy)) / dist >= facingCos;
      if (dist <= toleranceM || beyondStart || beyondEnd || !facing) {
        sides.push(0);
        continue;
      }
      let dir = units[seg];
      const vertex = t === 0 ? seg : t === 1 ? seg + 1 : -1;
      if (vertex > 0 && vertex <= last)
        dir = [units[vertex - 1][0] + units[vertex][0], units[vertex - 1][1] + units[vertex][1]];
      sides.push(dir[0] * (my - fy) - dir[1] * (mx - fx) >= 0 ? 1 : -1);
    }
  }
  return { segments, side: Int8Array.from(sides) };
}

/** Joins consecutive boundary segments of the same side into lines. */
function runsOf(b: ClassifiedBoundary, side: number): Position[][] {
  const out: Position[][] = [];
  let current: Position[] | null = null;
  b.segments.forEach(([a, c], i) => {
    if (b.side[i] !== side) {
      current = null;
      return;
    }
    if (current && current[current.length - 1] === a) current.push(c);
    else {
      current = [a, c];
      out.push(current);
    }
  });
  // A run that wraps past the ring's closing vertex is one edge.
  if (out.length > 1) {
    const first = out[0];
    const lastRun = out[out.length - 1];
    const end = lastRun[lastRun.length - 1];
    if (end[0] === first[0][0] && end[1] === first[0][1]) {
      out[0] = [...lastRun, ...first.slice(1)];
      out.pop();
    }
  }
  return out;
}

/** The left and right edges of a WGS84 zone along its line (see `classifyZoneBoundary`), as lines. */
export function zoneEdges(zone: Areal, line: LineString): { left: LineString[]; right: LineString[] } {
  const p = projectionFor(zone);
  const b = classifyZoneBoundary(mapPositions(zone, p.forward), line.coordinates.map(p.forward));
  const lines = (side: number): LineString[] =>
    runsOf(b, side).map((coordinates) => ({ type: 'LineString', coordinates: coordinates.map(p.inverse) }));
  return { left: lines(1), right: lines(-1) };
}
