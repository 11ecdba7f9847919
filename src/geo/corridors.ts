import type { Areal, LineString, Position } from '../domain/geojson.ts';
import { gapCrossings } from './corridor-width.ts';
import { buildSegmentIndex, planarArea, pointSegmentDistance2, polygonsOf } from './planar-segments.ts';
import { mapPositions, type Projection, projectionFor } from './projection.ts';
import { type ClassifiedBoundary, classifyZoneBoundary } from './zone-edges.ts';

/**
 * A corridor: one crossing of the zone, from edge to edge, inside a gap polygon. A gap polygon that touches both
 * edges holds at least one; a long gap open to both sides in several places holds several (see `gapCrossings`).
 */
export interface PlanarCorridor {
  /** Index of the gap polygon (in the order given). */
  gap: number;
  gapAreaKm2: number;
  /** The part of the gap polygon's area that drains into this crossing (the whole polygon when it has one). */
  areaKm2: number;
  /** Diameter of the largest disk that can cross along it, km; null if nothing bounds it. */
  widthKm: number | null;
  /** Where it is narrowest (planar), and the grid cell that bounds the width's accuracy, km. */
  at: Position;
  resolutionKm: number;
}

/** How far (metres) a gap's outline may sit from the zone's boundary and still lie on it (overlay round-off). */
const onBoundaryM = 0.05;

/**
 * Marks each segment of each ring of a gap polygon that lies on the zone's left (+1) or right (−1) edge; the
 * others (covered ground, end caps) are 0.
 */
function markEdges(rings: Position[][], edges: ReturnType<typeof buildSegmentIndex>, sides: Int8Array): Int8Array[] {
  const c = edges.coords;
  return rings.map((ring) => {
    const kinds = new Int8Array(Math.max(0, ring.length - 1));
    for (let k = 0; k + 1 < ring.length; k++) {
      const [a, b] = [ring[k], ring[k + 1]];
      const hits = edges.search(
        Math.min(a[0], b[0]) - onBoundaryM,
        Math.min(a[1], b[1]) - onBoundaryM,
        Math.max(a[0], b[0]) + onBoundaryM,
        Math.max(a[1], b[1]) + onBoundaryM,
      );
      for (const i of hits) {
        const [ax, ay, bx, by] = [c[i * 4], c[i * 4 + 1], c[i * 4 + 2], c[i * 4 + 3]];
        const tol2 = onBoundaryM * onBoundaryM;
        if (
          pointSegmentDistance2(a[0], a[1], ax, ay, bx, by) <= tol2 &&
          pointSegmentDistance2(b[0], b[1], ax, ay, bx, by) <= tol2
        ) {
          kinds[k] = sides[i];
          break;
        }
      }
    }
    return kinds;
  });
}

/**
 * The corridors among planar gap polygons: those whose outline runs along both the left and the right edge of the
 * zone (`boundary` from `classifyZoneBoundary` in the same frame), each crossing with its area and narrowest width.
 * The width grids share `maxCells` cells (default 100,000) in proportion to the polygons' bounding boxes, at least
 * 10,000 each.
 */
export function planarCorridors(gap: Areal, boundary: ClassifiedBoundary, maxCells = 100_000): PlanarCorridor[] {
  const onEdge = boundary.segments.map((_, i) => i).filter((i) => boundary.side[i] !== 0);
  const edges = buildSegmentIndex(onEdge.map((i) => boundary.segments[i]));
  const sides = Int8Array.from(onEdge.map((i) => boundary.side[i]));
  const crossing: Array<{ g: number; rings: Position[][]; kinds: Int8Array[]; box: number }> = [];
  polygonsOf(gap).forEach((rings, g) => {
    const kinds = markEdges(rings, edges, sides);
    let left = false;
    let right = false;
    for (const k of kinds)
      for (const v of k) {
        if (v > 0) left = true;
        else if (v < 0) right = true;
      }
    if (!left || !right) return;
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of rings[0])
      [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
    crossing.push({ g, rings, kinds, box: (maxX - minX) * (maxY - minY) });
  });
  const boxes = crossing.reduce((s, c) => s + c.box, 0) || 1;
  const out: PlanarCorridor[] = [];
  for (const { g, rings, kinds, box } of crossing) {
    const gapAreaKm2 = planarArea({ type: 'Polygon', coordinates: rings }) / 1e6;
    const cells = Math.max(10_000, Math.round((maxCells * box) / boxes));
    const { crossings, cellM } = gapCrossings({ rings, kinds }, cells);
    for (const x of crossings)
      out.push({
        gap: g,
        gapAreaKm2,
        areaKm2: crossings.length === 1 ? gapAreaKm2 : gapAreaKm2 * x.share,
        widthKm: Number.isFinite(x.widthM) ? x.widthM / 1000 : null,
        at: x.at,
        resolutionKm: cellM / 1000,
      });
  }
  return out;
}

/** A corridor in WGS84. */
export interface Corridor {
  gap: number;
  gap_area_km2: number;
  area_km2: number;
  narrowest_width_km: number | null;
  width_resolution_km: number;
  narrowest_at: Position;
}

/** The corridors of a WGS84 gap in a zone along a line: crossings of gap polygons from one edge of the zone to the other. */
export function findCorridors(gap: Areal, zone: Areal, line: LineString, maxCells?: number): Corridor[] {
  const projection: Projection = projectionFor(zone);
  const boundary = classifyZoneBoundary(
    mapPositions(zone, projection.forward),
    line.coordinates.map(projection.forward),
  );
  return planarCorridors(mapPositions(gap, projection.forward), boundary, maxCells).map((c) => ({
    gap: c.gap,
    gap_area_km2: c.gapAreaKm2,
    area_km2: c.areaKm2,
    narrowest_width_km: c.widthKm,
    width_resolution_km: c.resolutionKm,
    narrowest_at: projection.inverse(c.at),
  }));
}
