import type { Position } from '../domain/geojson.ts';

const kmPerDegreeLat = 111.195;

/**
 * The centre of the grid cell of about `cellKm` × `cellKm` that contains the point: rows are
 * bands of latitude, and each row's cells are as wide in km as they are tall.
 */
export function snapToGrid(lon: number, lat: number, cellKm: number): Position {
  const dLat = cellKm / kmPerDegreeLat;
  const row = Math.floor((lat + 90) / dLat);
  const centreLat = Math.min(90, -90 + (row + 0.5) * dLat);
  const dLon = Math.min(360, cellKm / (kmPerDegreeLat * Math.max(Math.cos((centreLat * Math.PI) / 180), 1e-6)));
  const col = Math.floor((lon + 180) / dLon);
  const centreLon = Math.min(180, -180 + (col + 0.5) * dLon);
  return [round6(centreLon), round6(centreLat)];
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
