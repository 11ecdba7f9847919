import Flatbush from 'flatbush';
import type { Areal, Position } from '../domain/geojson.ts';
import { pointInPolygonRings } from './point-in-polygon.ts';

/** Answers which of a set of areal features contains a point. */
export interface AdminLookup<T> {
  /** The feature containing the lon/lat point (the first given, where borders overlap), or null. */
  locate(lon: number, lat: number): T | null;
  readonly size: number;
}

interface Part {
  feature: number;
  rings: Position[][];
}

/**
 * Indexes the features' polygons (each part of a MultiPolygon by its own box) in a packed R-tree, so a
 * lookup runs point-in-polygon only on the few parts whose box holds the point.
 */
export function buildAdminLookup<T extends { geometry: Areal }>(features: readonly T[]): AdminLookup<T> {
  const parts: Part[] = [];
  features.forEach((f, feature) => {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const rings of polygons) if (rings.length > 0 && rings[0].length > 0) parts.push({ feature, rings });
  });
  if (parts.length === 0) return { locate: () => null, size: features.length };
  const index = new Flatbush(parts.length);
  for (const { rings } of parts) {
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (const [x, y] of rings[0]) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  return {
    size: features.length,
    locate(lon, lat) {
      const p: Position = [lon, lat];
      let found = -1;
      for (const i of index.search(lon, lat, lon, lat)) {
        const part = parts[i];
        if ((found === -1 || part.feature < found) && pointInPolygonRings(p, part.rings)) found = part.feature;
      }
      return found === -1 ? null : features[found];
    },
  };
}

/** The feature containing the point by testing every polygon in turn: the reference the index must agree with. */
export function locateBruteForce<T extends { geometry: Areal }>(
  features: readonly T[],
  lon: number,
  lat: number,
): T | null {
  const p: Position = [lon, lat];
  for (const f of features) {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const rings of polygons) if (rings.length > 0 && pointInPolygonRings(p, rings)) return f;
  }
  return null;
}
