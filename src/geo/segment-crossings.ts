/**
 * Every proper crossing between planar segments of different groups, found through a uniform grid: the segments of
 * coverage outlines are short and spread thinly, so a grid cell holds a handful of them and a pair is tested once,
 * in the first cell the two boxes share. Anything but a clean crossing (touching, an endpoint on the other segment,
 * collinear overlap, or a case too close to call in floating point) makes the whole search give up, so the caller
 * can hand the job to a robust engine instead of building a wrong topology.
 */

/** Planar segments stored flat: segment s runs from (x[2s], y[2s]) to (x[2s+1], y[2s+1]). */
export interface FlatSegments {
  x: Float64Array;
  y: Float64Array;
  /** Segments of the same group are never tested against each other (the rings of one valid polygon). */
  group: Int32Array;
  count: number;
}

/** The crossings found: crossing c lies at (x[c], y[c]), at fraction ta[c] along segment a[c] and tb[c] along b[c]. */
export interface Crossings {
  a: number[];
  b: number[];
  ta: number[];
  tb: number[];
  x: number[];
  y: number[];
}

// A crossing whose orientation tests are this close to zero, relative to the segments' size, is left to a robust engine.
const relativeTolerance = 1e-10;

/** The proper crossings between segments of different groups, or null when any pair is degenerate (see above). */
export function segmentCrossings(s: FlatSegments): Crossings | null {
  const { x, y, group, count } = s;
  const out: Crossings = { a: [], b: [], ta: [], tb: [], x: [], y: [] };
  if (count < 2) return out;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  let length = 0;
  for (let i = 0; i < 2 * count; i++) {
    if (x[i] < minX) minX = x[i];
    if (x[i] > maxX) maxX = x[i];
    if (y[i] < minY) minY = y[i];
    if (y[i] > maxY) maxY = y[i];
  }
  for (let i = 0; i < count; i++) length += Math.abs(x[2 * i + 1] - x[2 * i]) + Math.abs(y[2 * i + 1] - y[2 * i]);
  // Cells about twice a mean segment's extent, but no more cells than four per segment (the counting sort's table).
  let size = Math.max((2 * length) / count, 1e-9);
  const cells = () => (Math.floor((maxX - minX) / size) + 1) * (Math.floor((maxY - minY) / size) + 1);
  while (cells() > 4 * count + 1024) size *= 2;
  const columns = Math.floor((maxX - minX) / size) + 1;
  const span = new Int32Array(4 * count);
  let entries = 0;
  for (let i = 0; i < count; i++) {
    const c0 = Math.floor((Math.min(x[2 * i], x[2 * i + 1]) - minX) / size);
    const c1 = Math.floor((Math.max(x[2 * i], x[2 * i + 1]) - minX) / size);
    const r0 = Math.floor((Math.min(y[2 * i], y[2 * i + 1]) - minY) / size);
    const r1 = Math.floor((Math.max(y[2 * i], y[2 * i + 1]) - minY) / size);
    span[4 * i] = c0;
    span[4 * i + 1] = c1;
    span[4 * i + 2] = r0;
    span[4 * i + 3] = r1;
    entries += (c1 - c0 + 1) * (r1 - r0 + 1);
  }
  // Counting sort of (cell, segment) entries by cell.
  const starts = new Int32Array(cells() + 1);
  for (let i = 0; i < count; i++)
    for (let r = span[4 * i + 2]; r <= span[4 * i + 3]; r++)
      for (let c = span[4 * i]; c <= span[4 * i + 1]; c++) starts[r * columns + c + 1]++;
  for (let k = 1; k < starts.length; k++) starts[k] += starts[k - 1];
  const fill = starts.slice(0, -1);
  const byCell = new Int32Array(entries);
  for (let i = 0; i < count; i++)
    for (let r = span[4 * i + 2]; r <= span[4 * i + 3]; r++)
      for (let c = span[4 * i]; c <= span[4 * i + 1]; c++) byCell[fill[r * columns + c]++] = i;
  for (let cell = 0; cell + 1 < starts.length; cell++) {
    const end = starts[cell + 1];
    for (let p = starts[cell]; p < end; p++) {
      const i = byCell[p];
      for (let q = p + 1; q < end; q++) {
        const j = byCell[q];
        if (group[i] === group[j]) continue;
        if (!crossing(s, i, j, cell, columns, size, minX, minY, out)) return null;
      }
    }
  }
  return out;
}

/** Tests one pair in the first cell their boxes share; false when the pair is degenerate. */
function crossing(
  s: FlatSegments,
  i: number,
  j: number,
  cell: number,
  columns: number,
  size: number,
  minX: number,
  minY: number,
  out: Crossings,
): boolean {
  const { x, y } = s;
  const ax = x[2 * i];
  const ay = y[2 * i];
  const bx = x[2 * i + 1];
  const by = y[2 * i + 1];
  const cx = x[2 * j];
  const cy = y[2 * j];
  const dx = x[2 * j + 1];
  const dy = y[2 * j + 1];
  const loX = Math.max(Math.min(ax, bx), Math.min(cx, dx));
  const hiX = Math.min(Math.max(ax, bx), Math.max(cx, dx));
  const loY = Math.max(Math.min(ay, by), Math.min(cy, dy));
  const hiY = Math.min(Math.max(ay, by), Math.max(cy, dy));
  if (loX > hiX || loY > hiY) return true;
  if (Math.floor((loY - minY) / size) * columns + Math.floor((loX - minX) / size) !== cell) return true;
  const ux = bx - ax;
  const uy = by - ay;
  const vx = dx - cx;
  const vy = dy - cy;
  const d1 = ux * (cy - ay) - uy * (cx - ax);
  const d2 = ux * (dy - ay) - uy * (dx - ax);
  const d3 = vx * (ay - cy) - vy * (ax - cx);
  const d4 = vx * (by - cy) - vy * (bx - cx);
  const scale = relativeTolerance * (Math.abs(ux) + Math.abs(uy)) * (Math.abs(vx) + Math.abs(vy));
  const side = (d: number) => (d > scale ? 1 : d < -scale ? -1 : 0);
  const [s1, s2, s3, s4] = [side(d1), side(d2), side(d3), side(d4)];
  // Both ends of one segment clearly on one side of the other: no contact, however close the others are to zero.
  if (s1 * s2 > 0 || s3 * s4 > 0) return true;
  if (s1 === 0 || s2 === 0 || s3 === 0 || s4 === 0) return false;
  const ta = d3 / (d3 - d4);
  const tb = d1 / (d1 - d2);
  out.a.push(i);
  out.b.push(j);
  out.ta.push(ta);
  out.tb.push(tb);
  out.x.push(ax + ta * ux);
  out.y.push(ay + ta * uy);
  return true;
}
