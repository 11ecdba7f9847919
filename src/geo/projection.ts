import type { BBox, Geometry, Position } from '../domain/geojson.ts';

/** Radius of the sphere with the same surface area as the WGS84 ellipsoid, in metres. */
export const authalicRadiusM = 6371007.2;

const toRad = Math.PI / 180;
const toDeg = 180 / Math.PI;

/** A map projection between WGS84 lon/lat and planar metres. */
export interface Projection {
  center: Position;
  forward(p: Position): Position;
  inverse(p: Position): Position;
}

/** Spherical Lambert azimuthal equal-area projection centred on the given lon/lat (Snyder 1987, p. 185). */
export function createProjection(centerLon: number, centerLat: number): Projection {
  const R = authalicRadiusM;
  const lon0 = centerLon * toRad;
  const sinLat0 = Math.sin(centerLat * toRad);
  const cosLat0 = Math.cos(centerLat * toRad);
  return {
    center: [centerLon, centerLat],
    forward([lon, lat]) {
      const dLon = lon * toRad - lon0;
      const sinLat = Math.sin(lat * toRad);
      const cosLat = Math.cos(lat * toRad);
      const cosDLon = Math.cos(dLon);
      const denom = 1 + sinLat0 * sinLat + cosLat0 * cosLat * cosDLon;
      // The antipode of the centre has no image; it never occurs for regional data.
      const k = Math.sqrt(2 / denom);
      return [R * k * cosLat * Math.sin(dLon), R * k * (cosLat0 * sinLat - sinLat0 * cosLat * cosDLon)];
    },
    inverse([x, y]) {
      const rho = Math.hypot(x, y);
      if (rho === 0) return [centerLon, centerLat];
      const c = 2 * Math.asin(Math.min(1, rho / (2 * R)));
      const sinC = Math.sin(c);
      const cosC = Math.cos(c);
      const lat = Math.asin(cosC * sinLat0 + (y * sinC * cosLat0) / rho);
      const lon = lon0 + Math.atan2(x * sinC, rho * cosLat0 * cosC - y * sinLat0 * sinC);
      return [normalizeLon(lon * toDeg), lat * toDeg];
    },
  };
}

function normalizeLon(lon: number): number {
  return lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
}

/** The bounding box [west, south, east, north] of every position in the geometries (not antimeridian-aware). */
export function geometryBBox(...geometries: Geometry[]): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (p: Position) => {
    if (p[0] < box[0]) box[0] = p[0];
    if (p[1] < box[1]) box[1] = p[1];
    if (p[0] > box[2]) box[2] = p[0];
    if (p[1] > box[3]) box[3] = p[1];
  };
  for (const g of geometries) forEachPosition(g, visit);
  if (box[0] > box[2]) throw new RangeError('cannot take the bounding box of an empty geometry');
  return box;
}

/** The centre of a bounding box, a good projection centre for what it bounds. */
export function bboxCenter(box: BBox): Position {
  return [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
}

/** An equal-area projection centred on the bounding box of the geometries. */
export function projectionFor(...geometries: Geometry[]): Projection {
  const [lon, lat] = bboxCenter(geometryBBox(...geometries));
  return createProjection(lon, lat);
}

/** Calls visit on every position of a geometry. */
export function forEachPosition(g: Geometry, visit: (p: Position) => void): void {
  switch (g.type) {
    case 'Point':
      visit(g.coordinates);
      return;
    case 'LineString':
      g.coordinates.forEach(visit);
      return;
    case 'Polygon':
      for (const ring of g.coordinates) ring.forEach(visit);
      return;
    case 'MultiPolygon':
      for (const poly of g.coordinates) for (const ring of poly) ring.forEach(visit);
      return;
  }
}

/** The same geometry with every position mapped through f (e.g. a projection's forward or inverse). */
export function mapPositions<G extends Geometry>(g: G, f: (p: Position) => Position): G {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: f(g.coordinates) } as G;
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(f) } as G;
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) } as G;
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) } as G;
  }
  throw new TypeError('unknown geometry type');
}
