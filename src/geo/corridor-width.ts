import type { Position } from '../domain/geojson.ts';

/** A corridor's outline (planar metres) with each ring segment marked: +1 left edge, −1 right edge, 0 obstacle. */
export interface CorridorOutline {
  rings: Position[][];
  /** One array per ring, one entry per segment. */
  kinds: Int8Array[];
}

/** The narrowest width of a corridor: where it is, and the grid cell size that bounds its accuracy. */
export interface Bottleneck {
  widthM: number;
  at: Position;
  cellM: number;
}

const far = 1e20;

/** Squared 1-D distance transform (Felzenszwalb & Huttenlocher 2012) of f over n samples at the given stride. */
function dt1(
  f: Float64Array,
  offset: number,
  stride: number,
  n: number,
  d: Float64Array,
  v: Int32Array,
  z: Float64Array,
): void {
  const at = (q: number) => f[offset + q * stride];
  let k = 0;
  v[0] = 0;
  z[0] = Number.NEGATIVE_INFINITY;
  z[1] = Number.POSITIVE_INFINITY;
  for (let q = 1; q < n; q++) {
    let s = (at(q) + q * q - (at(v[k]) + v[k] * v[k])) / (2 * q - 2 * v[k]);
    while (s <= z[k]) {
      k--;
      s = (at(q) + q * q - (at(v[k]) + v[k] * v[k])) / (2 * q - 2 * v[k]);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Number.POSITIVE_INFINITY;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1] < q) k++;
    d[q] = (q - v[k]) ** 2 + at(v[k]);
  }
  for (let q = 0; q < n; q++) f[offset + q * stride] = d[q];
}

/** One crossing of a gap from edge to edge: its narrowest width, where, and the share of the gap it drains. */
export interface Crossing {
  widthM: number;
  at: Position;
  /** Share (0..1) of the gap's grid cells assigned to this crossing (see `gapCrossings`). */
  share: number;
}

/**
 * The crossings of a gap polygon from the left edge to the right edge, widest first. The width of a crossing is the
 * diameter of the largest disk that can travel inside the gap from one edge to the other along it (the bottleneck of
 * the best path). Computed on a grid of at most about `maxCells` cells over the gap's bounding box: the distance from
 * each cell to the nearest obstacle (covered ground, end caps, holes) by an exact Euclidean distance transform of the
 * rasterised obstacles; then cells are added in order of decreasing clearance and joined to their 8 neighbours
 * (Kruskal). A crossing is born when a group of cells first touches both edges, at the clearance of the cell that
 * joined them (half its width); groups that already cross do not give new crossings when they merge. Every cell is
 * assigned to the crossing whose group it joins first (a watershed), which splits the gap's area between crossings.
 * Accurate to about one cell.
 */
export function gapCrossings(outline: CorridorOutline, maxCells = 200_000): { crossings: Crossing[]; cellM: number } {
  const outer = outline.rings[0];
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of outer)
    [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
  const cell = Math.max(1, Math.sqrt(((maxX - minX) * (maxY - minY)) / maxCells));
  const nx = Math.ceil((maxX - minX) / cell) + 2;
  const ny = Math.ceil((maxY - minY) / cell) + 2;
  const x0 = minX - cell;
  const y0 = minY - cell;
  const n = nx * ny;
  const centreY = (r: number) => y0 + (r + 0.5) * cell;

  // Inside mask by scanlines through the cell centres (even-odd over all rings).
  const inside = new Uint8Array(n);
  const rowCrossings: number[][] = Array.from({ length: ny }, () => []);
  for (const ring of outline.rings)
    for (let k = 0; k + 1 < ring.length; k++) {
      const [ax, ay] = ring[k];
      const [bx, by] = ring[k + 1];
      if (ay === by) continue;
      const r0 = Math.max(0, Math.ceil((Math.min(ay, by) - y0) / cell - 0.5));
      const r1 = Math.min(ny - 1, Math.floor((Math.max(ay, by) - y0) / cell - 0.5));
      for (let r = r0; r <= r1; r++) {
        const y = centreY(r);
        if (ay > y !== by > y) rowCrossings[r].push(ax + ((y - ay) * (bx - ax)) / (by - ay));
      }
    }
  rowCrossings.forEach((xs, r) => {
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const c0 = Math.max(0, Math.ceil((xs[k] - x0) / cell - 0.5));
      const c1 = Math.min(nx - 1, Math.floor((xs[k + 1] - x0) / cell - 0.5));
      for (let c = c0; c <= c1; c++) inside[r * nx + c] = 1;
    }
  });

  // Obstacles seed the distance transform; edge segments mark the terminal cells next to them.
  const f = new Float64Array(n).fill(far);
  const terminal = new Uint8Array(n);
  const cellOf = (x: number, y: number) => {
    const c = Math.min(nx - 1, Math.max(0, Math.floor((x - x0) / cell)));
    const r = Math.min(ny - 1, Math.max(0, Math.floor((y - y0) / cell)));
    return r * nx + c;
  };
  let hasObstacle = false;
  outline.rings.forEach((ring, ri) => {
    for (let k = 0; k + 1 < ring.length; k++) {
      const [ax, ay] = ring[k];
      const [bx, by] = ring[k + 1];
      const steps = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / (cell / 2)));
      const kind = outline.kinds[ri][k];
      for (let s = 0; s <= steps; s++) {
        const i = cellOf(ax + ((bx - ax) * s) / steps, ay + ((by - ay) * s) / steps);
        if (kind === 0) {
          f[i] = 0;
          hasObstacle = true;
          continue;
        }
        const r = Math.floor(i / nx);
        const c = i % nx;
        for (let dr = -1; dr <= 1; dr++)
          for (let dc = -1; dc <= 1; dc++)
            if (r + dr >= 0 && r + dr < ny && c + dc >= 0 && c + dc < nx)
              terminal[(r + dr) * nx + (c + dc)] |= kind > 0 ? 1 : 2;
      }
    }
  });
  // Where the left edge meets the right edge directly (the pinch of a zone that narrows to a point, e.g. a repaired
  // bow-tie), nothing else bounds a crossing on that side: the meeting point is an obstacle, like an end cap.
  outline.rings.forEach((ring, ri) => {
    const kinds = outline.kinds[ri];
    const m = kinds.length;
    for (let k = 0; k < m; k++)
      if (kinds[k] * kinds[(k + m - 1) % m] < 0) {
        f[cellOf(ring[k][0], ring[k][1])] = 0;
        hasObstacle = true;
      }
  });
  if (hasObstacle) {
    const size = Math.max(nx, ny);
    const d = new Float64Array(size);
    const v = new Int32Array(size);
    const z = new Float64Array(size + 1);
    for (let c = 0; c < nx; c++) dt1(f, c, nx, ny, d, v, z);
    for (let r = 0; r < ny; r++) dt1(f, r * nx, 1, nx, d, v, z);
  }
  const clearance = (i: number) => (hasObstacle ? Math.sqrt(f[i]) * cell : Number.POSITIVE_INFINITY);

  // Inside cells by decreasing clearance (ties by index): one numeric sort of packed keys.
  let insideCount = 0;
  for (let i = 0; i < n; i++) insideCount += inside[i];
  let maxF = 0;
  for (let i = 0; i < n; i++) if (inside[i] && f[i] > maxF) maxF = f[i];
  const keys = new Float64Array(insideCount);
  for (let i = 0, m = 0; i < n; i++) if (inside[i]) keys[m++] = Math.round(maxF - f[i]) * n + i;
  keys.sort();

  // Union-find by size without path compression, so the parent forest keeps the history of merges: a cell's
  // crossing is the label of the first node above it that was labelled while it was a root.
  const parent = new Int32Array(n).fill(-1);
  const size = new Int32Array(n);
  const flags = new Uint8Array(n);
  const groupLabel = new Int32Array(n).fill(-1);
  const labelAt = new Int32Array(n).fill(-1);
  const crossings: Array<{ widthM: number; at: Position }> = [];
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i];
    return i;
  };
  const birth = (root: number, i: number) => {
    crossings.push({ widthM: 2 * clearance(i), at: [x0 + ((i % nx) + 0.5) * cell, centreY(Math.floor(i / nx))] });
    groupLabel[root] = crossings.length - 1;
    labelAt[root] = crossings.length - 1;
  };
  const labelOf = (i: number): number => {
    while (labelAt[i] < 0 && parent[i] !== i) i = parent[i];
    return labelAt[i];
  };
  for (let m = 0; m < insideCount; m++) {
    const i = keys[m] % n;
    parent[i] = i;
    size[i] = 1;
    // The cell's own edges count once it has joined its neighbours: a cell next to both edges (in a neck narrower
    // than a few cells) that joins a crossing drains into it rather than being born as one more crossing.
    flags[i] = 0;
    const r = Math.floor(i / nx);
    const c = i % nx;
    for (let dr = -1; dr <= 1; dr++)
      for (let dc = -1; dc <= 1; dc++) {
        if ((dr === 0 && dc === 0) || r + dr < 0 || r + dr >= ny || c + dc < 0 || c + dc >= nx) continue;
        const j = (r + dr) * nx + (c + dc);
        if (parent[j] < 0) continue;
        const a = find(i);
        const b = find(j);
        if (a === b) continue;
        const la = groupLabel[a];
        const lb = groupLabel[b];
        // The larger group stays root.
        const [root, child] = size[a] >= size[b] ? [a, b] : [b, a];
        if (la === -1 && lb === -1) {
          parent[child] = root;
          size[root] += size[child];
          flags[root] |= flags[child];
          if (flags[root] === 3) birth(root, i);
          continue;
        }
        if (la === -1 || lb === -1) {
          // A group that does not cross yet drains into the crossing it meets, through the cell it meets.
          const open = la === -1 ? a : b;
          const labelled = open === a ? b : a;
          labelAt[open] = groupLabel[labelled] >= 0 ? groupLabel[labelled] : labelOf(open === a ? j : i);
          parent[child] = root;
          size[root] += size[child];
          flags[root] |= flags[child];
          groupLabel[root] = groupLabel[labelled];
          continue;
        }
        parent[child] = root;
        size[root] += size[child];
        flags[root] |= flags[child];
        groupLabel[root] = la === lb ? la : -2;
      }
    const root = find(i);
    flags[root] |= terminal[i];
    if (flags[root] === 3 && groupLabel[root] === -1) birth(root, i);
  }
  const counts = new Array<number>(crossings.length).fill(0);
  for (let m = 0; m < insideCount; m++) {
    const label = labelOf(keys[m] % n);
    if (label >= 0) counts[label]++;
  }
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  return {
    crossings: crossings.map((x, k) => ({ widthM: x.widthM, at: x.at, share: counts[k] / total })),
    cellM: cell,
  };
}

/** The narrowest width of a corridor: that of its widest crossing (see `gapCrossings`); null when none crosses. */
export function narrowestWidth(outline: CorridorOutline, maxCells = 200_000): Bottleneck | null {
  const { crossings, cellM } = gapCrossings(outline, maxCells);
  return crossings.length ? { widthM: crossings[0].widthM, at: crossings[0].at, cellM } : null;
}
