import { cellsToMultiPolygon, cellToBoundary, cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { invalid } from '../domain/errors.ts';
import type { Areal, MultiPolygon, Position } from '../domain/geojson.ts';
import { bhAdjustGroups, giStarZ, globalsFromSums, type PGroup, randomizationP, twoSidedP } from './gi-star.ts';
import { type H3StudyArea, h3StudyArea } from './h3-study-area.ts';

/** A point with a weight (1 when omitted), e.g. an incident. */
export interface WeightedPoint {
  id: string;
  lon: number;
  lat: number;
  weight?: number;
  /** Its H3 cell at the study resolution, when the caller has it already. */
  cell?: string;
}

/** Hotspot options: H3 resolution (default 8), k rings of neighbourhood (default 1), FDR level q (default 0.05). */
export interface HotspotOptions {
  resolution?: number;
  k?: number;
  q?: number;
  /** Below this many points in the study area no cell is called hot (default 30, the usual floor for Gi*). */
  minPoints?: number;
  /** Also list every cell with a non-zero local sum (for maps), not only the hot ones. */
  includeCells?: boolean;
  /**
   * How p-values are found: 'randomization' (default; exact null distribution of the local sum when the values are
   * whole numbers, see `randomizationP`, else normal) or 'normal' (the Gi* z-score read on the normal curve).
   */
  pValues?: 'randomization' | 'normal';
}

/** A significant hot cell. */
export interface HotCell {
  h3: string;
  weight: number;
  z: number;
  p: number;
  q: number;
}

/** Hot cells joined by adjacency, with their outline and how much of them lies in the gaps. */
export interface HotRegion {
  cells: HotCell[];
  weight: number;
  max_z: number;
  outline: MultiPolygon;
  /** Whether any of its cells (centre or corner) lies in a gap, and the share of its cells whose centre does. */
  in_gap: boolean;
  gap_share: number;
}

/** Result of the Gi* analysis. */
export interface HotspotResult {
  resolution: number;
  k: number;
  q: number;
  study_cells: number;
  points_used: number;
  /** Points whose H3 cell is not in the study area (its centre lies outside the zone): left out. */
  points_outside_cells: number;
  total_weight: number;
  /** How the p-values were found. */
  p_values: 'randomization' | 'normal';
  /** True when there were fewer points than `minPoints`: nothing is called hot or cold. */
  too_few_points: boolean;
  hot_cells: number;
  cold_cells: number;
  regions: HotRegion[];
  /** With `includeCells`: every cell with a non-zero local sum, in cell order. */
  cells?: Array<{ h3: string; weight: number; local_sum: number; w: number; z: number; p: number; q: number }>;
}

/**
 * Getis–Ord Gi* hotspots over H3 cells. The study area is every cell whose centre lies in the zone (see
 * `H3StudyArea`), so cells with nothing in them count; values are the summed weights of the points in each cell;
 * neighbourhoods are k-rings with binary weights, the cell itself included, cut to the study area. z-scores get
 * two-sided p-values, controlled for false discoveries by Benjamini–Hochberg at level q over all cells. Hot
 * cells (significant, z > 0) joined by adjacency form regions. By default the p-values come from the exact
 * randomisation distribution of the local sum (see `randomizationP`) rather than the normal curve, which on sparse
 * counts calls a few chance neighbours significant; `pValues: 'normal'` gives the textbook normal p-values. `inGap` tells whether a lon/lat lies in a gap.
 * Only cells near a point are visited one by one: every other cell has a local sum of 0, and so a z-score that
 * depends only on its W, and is counted per W.
 */
export function hotspots(
  study: H3StudyArea,
  points: readonly WeightedPoint[],
  options: HotspotOptions = {},
  inGap: (p: Position) => boolean = () => false,
): HotspotResult {
  const q = options.q ?? 0.05;
  if (!(q > 0 && q < 1)) throw invalid('hotspots.q', 'must be between 0 and 1');
  const minPoints = options.minPoints ?? 30;
  if (!(Number.isInteger(minPoints) && minPoints >= 0)) throw invalid('hotspots.minPoints', 'must be a whole number');
  const { resolution, k, index, cells, w, wCounts, offsets, neighbours } = study;
  const n = cells.length;
  const values = new Float64Array(n);
  const occupied: number[] = [];
  let outside = 0;
  let used = 0;
  for (const p of points) {
    const i = index.get(p.cell ?? latLngToCell(p.lat, p.lon, resolution));
    if (i === undefined) {
      outside++;
      continue;
    }
    used++;
    if (values[i] === 0) occupied.push(i);
    values[i] += p.weight ?? 1;
  }
  occupied.sort((a, b) => a - b);
  let sum = 0;
  let squares = 0;
  for (const i of occupied) {
    sum += values[i];
    squares += values[i] * values[i];
  }
  const g = globalsFromSums(n, sum, squares);
  // Scatter each occupied cell's value over its neighbourhood: only these cells have a non-zero local sum.
  const local = new Float64Array(n);
  const touched = new Uint8Array(n);
  const active: number[] = [];
  for (const j of occupied)
    for (let m = offsets[j]; m < offsets[j + 1]; m++) {
      // Neighbourhoods are symmetric, so j's neighbourhood lists the cells whose neighbourhood holds j.
      const i = neighbours[m];
      local[i] += values[j];
      if (!touched[i]) {
        touched[i] = 1;
        active.push(i);
      }
    }
  active.sort((a, b) => a - b);
  const z = active.map((i) => giStarZ(local[i], w[i], g));
  const zeroCounts = new Map(wCounts);
  for (const i of active) zeroCounts.set(w[i], zeroCounts.get(w[i])! - 1);
  const zeroW = [...zeroCounts.keys()].sort((a, b) => a - b);
  // One null distribution per neighbourhood size, from the histogram of cell values.
  const histogram = new Map<number, number>();
  for (const i of occupied) histogram.set(values[i], (histogram.get(values[i]) ?? 0) + 1);
  const valueCounts = [...histogram].sort((a, b) => a[0] - b[0]);
  const nulls = new Map<number, ((l: number) => number) | null>();
  const exact = (wi: number) => {
    if (!nulls.has(wi)) nulls.set(wi, randomizationP(valueCounts, n, wi));
    return nulls.get(wi)!;
  };
  let method: 'randomization' | 'normal' =
    (options.pValues ?? 'randomization') === 'randomization' && g.sd > 0 ? 'randomization' : 'normal';
  if (method === 'randomization' && !exact(1)) method = 'normal';
  const pOf = (l: number, wi: number, zi: number) => (method === 'randomization' ? exact(wi)!(l) : twoSidedP(zi));
  const groups: PGroup[] = [
    ...active.map((i, m) => ({ p: pOf(local[i], w[i], z[m]), count: 1 })),
    ...zeroW.map((wi) => ({ p: pOf(0, wi, giStarZ(0, wi, g)), count: zeroCounts.get(wi)! })),
  ];
  const adjusted = bhAdjustGroups(groups);
  let cold = 0;
  zeroW.forEach((wi, m) => {
    if (adjusted[active.length + m] <= q && giStarZ(0, wi, g) < 0) cold += zeroCounts.get(wi)!;
  });
  const tooFew = used < minPoints;
  if (tooFew) cold = 0;
  const hot = new Map<number, HotCell>();
  active.forEach((i, m) => {
    if (tooFew || adjusted[m] > q) return;
    if (z[m] < 0) {
      cold++;
      return;
    }
    hot.set(i, { h3: cells[i], weight: values[i], z: z[m], p: groups[m].p, q: adjusted[m] });
  });
  return {
    resolution,
    k,
    q,
    study_cells: cells.length,
    points_used: used,
    points_outside_cells: outside,
    total_weight: sum,
    p_values: method,
    too_few_points: tooFew,
    hot_cells: hot.size,
    cold_cells: cold,
    regions: hotRegions(hot, index, inGap),
    ...(options.includeCells
      ? {
          cells: active.map((i, m) => ({
            h3: cells[i],
            weight: values[i],
            local_sum: local[i],
            w: w[i],
            z: z[m],
            p: groups[m].p,
            q: adjusted[m],
          })),
        }
      : {}),
  };
}

/** Joins hot cells that share an edge into regions, heaviest first. */
function hotRegions(
  hot: Map<number, HotCell>,
  index: Map<string, number>,
  inGap: (p: Position) => boolean,
): HotRegion[] {
  const seen = new Set<number>();
  const regions: HotRegion[] = [];
  for (const start of [...hot.keys()].sort((a, b) => a - b)) {
    if (seen.has(start)) continue;
    const members: HotCell[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      const i = stack.pop()!;
      const cell = hot.get(i)!;
      members.push(cell);
      for (const d of gridDisk(cell.h3, 1)) {
        const j = index.get(d);
        if (j !== undefined && hot.has(j) && !seen.has(j)) {
          seen.add(j);
          stack.push(j);
        }
      }
    }
    members.sort((a, b) => (a.h3 < b.h3 ? -1 : 1));
    let centresInGap = 0;
    let anyInGap = false;
    for (const m of members) {
      const [lat, lon] = cellToLatLng(m.h3);
      if (inGap([lon, lat])) {
        centresInGap++;
        anyInGap = true;
      } else if (!anyInGap) anyInGap = cellToBoundary(m.h3, true).some((c) => inGap([c[0], c[1]]));
    }
    regions.push({
      cells: members,
      weight: members.reduce((s, m) => s + m.weight, 0),
      max_z: Math.max(...members.map((m) => m.z)),
      outline: {
        type: 'MultiPolygon',
        coordinates: cellsToMultiPolygon(
          members.map((m) => m.h3),
          true,
        ) as Position[][][],
      },
      in_gap: anyInGap,
      gap_share: centresInGap / members.length,
    });
  }
  return regions.sort((a, b) => b.weight - a.weight || b.max_z - a.max_z || (a.cells[0].h3 < b.cells[0].h3 ? -1 : 1));
}

/** Gi* hotspots of points over the H3 cells of a WGS84 zone (builds the study area; see `hotspots`). */
export function computeHotspots(
  zone: Areal,
  points: readonly WeightedPoint[],
  options: HotspotOptions = {},
  inGap?: (p: Position) => boolean,
): HotspotResult {
  return hotspots(h3StudyArea(zone, options.resolution ?? 8, options.k ?? 1), points, options, inGap);
}
