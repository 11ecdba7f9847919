import { getHexagonAreaAvg, gridDisk, polygonToCells } from 'h3-js';
import { invalid } from '../domain/errors.ts';
import type { Areal } from '../domain/geojson.ts';
import { polygonsOf } from './planar-segments.ts';
import { areaKm2 } from './polygon-ops.ts';

/** Refuse study areas above this many cells: Gi* over them would take minutes and gigabytes. */
export const maxStudyCells = 2_000_000;

/**
 * The H3 cells over which Gi* is computed: every cell of the resolution whose centre lies in the zone (H3
 * polygonToCells), so cells without incidents count; and, per cell, the size W of its neighbourhood (the k-ring,
 * itself included) within the study area: smaller along the zone's boundary and next to a pentagon.
 */
export interface H3StudyArea {
  resolution: number;
  k: number;
  /** Cells, sorted. */
  cells: string[];
  /** Position of each cell in `cells`. */
  index: Map<string, number>;
  /** W of each cell. */
  w: Int32Array;
  /** The neighbourhood of cell i (itself included) is neighbours[offsets[i] .. offsets[i + 1]), as cell positions. */
  offsets: Int32Array;
  neighbours: Int32Array;
  /** How many cells have each W. */
  wCounts: Map<number, number>;
}

/** Checks an H3 resolution (0–15) and ring count (1–5), naming the field. */
export function checkH3Options(resolution: number, k: number, field: string): void {
  if (!Number.isInteger(resolution) || resolution < 0 || resolution > 15)
    throw invalid(`${field}.resolution`, 'must be an integer from 0 to 15');
  if (!Number.isInteger(k) || k < 1 || k > 5) throw invalid(`${field}.k`, 'must be an integer from 1 to 5');
}

/** Builds the study area of a WGS84 zone at an H3 resolution with k-ring neighbourhoods (see `H3StudyArea`). */
export function h3StudyArea(zone: Areal, resolution = 8, k = 1): H3StudyArea {
  checkH3Options(resolution, k, 'hotspots');
  const estimate = areaKm2(zone) / getHexagonAreaAvg(resolution, 'km2');
  if (estimate > maxStudyCells)
    throw invalid(
      'hotspots.resolution',
      `about ${Math.round(estimate)} cells at resolution ${resolution}; use a coarser one`,
    );
  const found = new Set<string>();
  for (const rings of polygonsOf(zone)) for (const c of polygonToCells(rings, resolution, true)) found.add(c);
  const cells = [...found].sort();
  const index = new Map<string, number>();
  cells.forEach((c, i) => {
    index.set(c, i);
  });
  const w = new Int32Array(cells.length);
  const wCounts = new Map<number, number>();
  const offsets = new Int32Array(cells.length + 1);
  const flat: number[] = [];
  cells.forEach((c, i) => {
    const disk: number[] = [];
    for (const d of gridDisk(c, k)) {
      const j = index.get(d);
      if (j !== undefined) disk.push(j);
    }
    disk.sort((a, b) => a - b);
    for (const j of disk) flat.push(j);
    offsets[i + 1] = flat.length;
    w[i] = disk.length;
    wCounts.set(disk.length, (wCounts.get(disk.length) ?? 0) + 1);
  });
  return { resolution, k, cells, index, w, wCounts, offsets, neighbours: Int32Array.from(flat) };
}
