import type { BBox } from '../domain/geojson.ts';

/** Whether a point lies in a box [west, south, east, north], edges included. */
export function inBox(lon: number, lat: number, b: BBox): boolean {
  return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
}
