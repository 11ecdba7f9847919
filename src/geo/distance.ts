import type { LineString, Position } from '../domain/geojson.ts';

/** IUGG mean Earth radius R1 in km, the usual sphere for great-circle distances. */
export const meanEarthRadiusKm = 6371.0088;

const toRad = Math.PI / 180;

/** Great-circle distance in km between two lon/lat positions (haversine, on the mean sphere). */
export function distanceKm(a: Position, b: Position): number {
  const dLat = (b[1] - a[1]) * toRad;
  const dLon = (b[0] - a[0]) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * meanEarthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Length of a LineString in km, summing great-circle distances between successive vertices. */
export function lineLengthKm(line: LineString): number {
  let total = 0;
  for (let i = 1; i < line.coordinates.length; i++) total += distanceKm(line.coordinates[i - 1], line.coordinates[i]);
  return total;
}
