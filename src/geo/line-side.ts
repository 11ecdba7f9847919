import type { LineString, Position } from '../domain/geojson.ts';
import { distanceKm } from './distance.ts';
import { type Projection, projectionFor } from './projection.ts';

/** Where a point lies relative to a polyline. */
export interface LinePlacement {
  /** Distance in km to the nearest point of the line: positive on the left walking from the first vertex, negative on the right. */
  signedKm: number;
  /** Km along the line from its first vertex to the nearest point. */
  chainageKm: number;
  /** The nearest point of the line, lon/lat. */
  nearest: Position;
}

/** Answers repeated placement questions about one polyline. */
export interface LineLocator {
  lengthKm: number;
  locate(p: Position): LinePlacement;
  /**
   * The lon/lat point at `chainageKm` along the line, moved `offsetKm` square to it (positive = left). Within
   * min(|offset|, a quarter of either segment) of an interior vertex it follows the offset curve round the bend
   * instead, so the point moves continuously and keeps its distance from the line.
   */
  pointAt(chainageKm: number, offsetKm?: number): Position;
}

/**
 * Builds a locator for a polyline. The nearest point and the side are found in the equal-area projection centred on
 * the line (planar, exact for straight projected segments); the distance and chainage are then measured on the sphere.
 */
export function lineLocator(line: LineString, projection: Projection = projectionFor(line)): LineLocator {
  const coords = line.coordinates;
  if (coords.length < 2) throw new RangeError('a line needs at least two vertices');
  const xy = coords.map(projection.forward);
  const cumulative = [0];
  for (let i = 1; i < coords.length; i++) cumulative.push(cumulative[i - 1] + distanceKm(coords[i - 1], coords[i]));
  const lengthKm = cumulative[cumulative.length - 1];

  const unit = (i: number): Position => {
    const dx = xy[i + 1][0] - xy[i][0];
    const dy = xy[i + 1][1] - xy[i][1];
    const len = Math.hypot(dx, dy) || 1;
    return [dx / len, dy / len];
  };

  const leftNormal = (i: number): Position => {
    const [ux, uy] = unit(i);
    return [-uy, ux];
  };

  /** The point at chainage c on segment i, moved m metres along the segment's left normal. */
  const plain = (i: number, c: number, m: number): Position => {
    const segKm = cumulative[i + 1] - cumulative[i];
    const t = segKm === 0 ? 0 : (c - cumulative[i]) / segKm;
    const [nx, ny] = leftNormal(i);
    return [xy[i][0] + t * (xy[i + 1][0] - xy[i][0]) + nx * m, xy[i][1] + t * (xy[i + 1][1] - xy[i][1]) + ny * m];
  };

  /**
   * Within h km either side of interior vertex v, the offset point runs along the true offset curve, scaled to the
   * window: on the outside of the bend a circular arc round the vertex, on the inside the mitre point where both
   * offset lines meet. `f` is the fraction through the window.
   */
  const roundBend = (v: number, h: number, f: number, m: number): Position => {
    const a = plain(v - 1, cumulative[v] - h, m);
    const b = plain(v, cumulative[v] + h, m);
    const [u0x, u0y] = unit(v - 1);
    const [u1x, u1y] = unit(v);
    const theta = Math.atan2(u0x * u1y - u0y * u1x, u0x * u1x + u0y * u1y);
    const [vx, vy] = xy[v];
    const [n0x, n0y] = leftNormal(v - 1);
    const [n1x, n1y] = leftNormal(v);
    const lerp = (p: Position, q: Position, t: number): Position => [
      p[0] + t * (q[0] - p[0]),
      p[1] + t * (q[1] - p[1]),
    ];
    if (Math.abs(theta) < 1e-12) return lerp(a, b, f);
    if (theta * m > 0) {
      // Inside the bend: both offset lines meet at the mitre point.
      const k = m / (1 + n0x * n1x + n0y * n1y);
      const mitre: Position = [vx + k * (n0x + n1x), vy + k * (n0y + n1y)];
      const l1 = Math.hypot(mitre[0] - a[0], mitre[1] - a[1]);
      const l2 = Math.hypot(b[0] - mitre[0], b[1] - mitre[1]);
      const s = f * (l1 + l2);
      return s <= l1 ? lerp(a, mitre, l1 === 0 ? 0 : s / l1) : lerp(mitre, b, l2 === 0 ? 1 : (s - l1) / l2);
    }
    // Outside the bend: straight to the vertex's offset, an arc of radius |m| round the vertex, straight on.
    const start: Position = [vx + m * n0x, vy + m * n0y];
    const end: Position = [vx + m * n1x, vy + m * n1y];
    const l1 = Math.hypot(start[0] - a[0], start[1] - a[1]);
    const arc = Math.abs(m * theta);
    const l2 = Math.hypot(b[0] - end[0], b[1] - end[1]);
    const s = f * (l1 + arc + l2);
    if (s <= l1) return lerp(a, start, l1 === 0 ? 0 : s / l1);
    if (s <= l1 + arc) {
      const phi = (theta * (s - l1)) / arc;
      const [cos, sin] = [Math.cos(phi), Math.sin(phi)];
      return [vx + m * (n0x * cos - n0y * sin), vy + m * (n0x * sin + n0y * cos)];
    }
    return lerp(end, b, l2 === 0 ? 1 : (s - l1 - arc) / l2);
  };

  return {
    lengthKm,
    locate(p) {
      const [px, py] = projection.forward(p);
      let best = { d2: Infinity, seg: 0, t: 0, fx: 0, fy: 0 };
      for (let i = 0; i + 1 < xy.length; i++) {
        const [ax, ay] = xy[i];
        const dx = xy[i + 1][0] - ax;
        const dy = xy[i + 1][1] - ay;
        const len2 = dx * dx + dy * dy;
        const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
        const fx = ax + t * dx;
        const fy = ay + t * dy;
        const d2 = (px - fx) ** 2 + (py - fy) ** 2;
        if (d2 < best.d2) best = { d2, seg: i, t, fx, fy };
      }
      // The side: the segment's direction, or at an interior vertex the bisector of both segments (pseudo-normal),
      // which puts the wedge outside a bend on the bend's outer side.
      let dir = unit(best.seg);
      const vertex = best.t === 0 ? best.seg : best.t === 1 ? best.seg + 1 : -1;
      if (vertex > 0 && vertex < xy.length - 1) {
        const a = unit(vertex - 1);
        const b = unit(vertex);
        dir = [a[0] + b[0], a[1] + b[1]];
      }
      const cross = dir[0] * (py - best.fy) - dir[1] * (px - best.fx);
      const nearest = projection.inverse([best.fx, best.fy]);
      const magnitude = distanceKm(p, nearest);
      return {
        signedKm: cross >= 0 ? magnitude : -magnitude,
        chainageKm: cumulative[best.seg] + distanceKm(coords[best.seg], nearest),
        nearest,
      };
    },
    pointAt(chainageKm, offsetKm = 0) {
      const c = Math.max(0, Math.min(lengthKm, chainageKm));
      const m = offsetKm * 1000;
      let i = 0;
      while (i < coords.length - 2 && cumulative[i + 1] < c) i++;
      for (const v of [i, i + 1]) {
        if (m === 0 || v === 0 || v === coords.length - 1) continue;
        const h = Math.min(
          Math.abs(offsetKm),
          (cumulative[v] - cumulative[v - 1]) / 4,
          (cumulative[v + 1] - cumulative[v]) / 4,
        );
        if (h > 0 && Math.abs(c - cumulative[v]) < h)
          return projection.inverse(roundBend(v, h, (c - cumulative[v] + h) / (2 * h), m));
      }
      return projection.inverse(plain(i, c, m));
    },
  };
}

/** Signed distance (km, positive left) and chainage of a point relative to a polyline; see `lineLocator`. */
export function lineSide(line: LineString, p: Position): LinePlacement {
  return lineLocator(line).locate(p);
}
