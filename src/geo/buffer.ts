import type { Areal, Geometry } from '../domain/geojson.ts';
import { planarBuffer } from './jsts-engine.ts';
import { mapPositions, projectionFor } from './projection.ts';

/**
 * Buffer of a WGS84 geometry by `km` (round caps and joins), computed in the equal-area projection centred on the
 * geometry so the result's area is true; `quadrantSegments` is the number of segments per quarter circle.
 */
export function bufferKm(g: Geometry, km: number, quadrantSegments = 16): Areal {
  if (!(km > 0)) throw new RangeError(`buffer distance must be positive, got ${km}`);
  const projection = projectionFor(g);
  const buffered = planarBuffer(mapPositions(g, projection.forward), km * 1000, quadrantSegments);
  return mapPositions(buffered, projection.inverse);
}
