import type { Areal, Position } from '../domain/geojson.ts';
import { buildAreaLocator } from './area-locator.ts';
import { buildSegmentIndex, planarArea, ringSegments, type SegmentIndex } from './planar-segments.ts';
import { mapPositions, type Projection, projectionFor } from './projection.ts';

/**
 * A zone made ready for repeated analysis: its equal-area projection (centred on the zone's bounding box), the
 * planar zone in metres, its area and indexes. Everything downstream works in this one planar frame.
 */
export interface ZoneFrame {
  projection: Projection;
  /** The zone, WGS84, as given (already valid). */
  zone: Areal;
  /** The zone in planar metres. */
  planar: Areal;
  zoneKm2: number;
  /** Planar bounding box [minX, minY, maxX, maxY]. */
  box: [number, number, number, number];
  /** True when a planar point lies inside the zone. */
  contains(p: Position): boolean;
  /** The zone's boundary segments (planar). */
  boundary: SegmentIndex;
}

/** Prepares a valid WGS84 zone for analysis (see `ZoneFrame`). */
export function prepareZone(zone: Areal, projection: Projection = projectionFor(zone)): ZoneFrame {
  const planar = mapPositions(zone, projection.forward);
  const box: [number, number, number, number] = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  const segments = ringSegments(planar);
  for (const [[x, y]] of segments) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return {
    projection,
    zone,
    planar,
    zoneKm2: planarArea(planar) / 1e6,
    box,
    contains: buildAreaLocator(planar),
    boundary: buildSegmentIndex(segments),
  };
}
