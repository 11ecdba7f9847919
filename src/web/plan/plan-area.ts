import type { Feature, FeatureCollection } from 'geojson';
import { circlePolygon } from '../map/map-data.ts';

export type AreaShape = 'point' | 'route' | 'polygon';
export type AreaEntry = 'map' | 'typed';
/** A position as the API takes it: `[lon, lat]` or an MGRS reference. */
export type PositionInput = [number, number] | { mgrs: string };

/** The area of a plan as the form holds it: drawn on the map, or typed. */
export interface AreaDraft {
  shape: AreaShape;
  entry: AreaEntry;
  /** The points drawn on the map, `[lon, lat]`. */
  points: Array<[number, number]>;
  /** The positions typed, one a line. */
  typed: string;
  radiusKm: string;
  bufferKm: string;
}

export const emptyArea: AreaDraft = {
  shape: 'route',
  entry: 'map',
  points: [],
  typed: '',
  radiusKm: '2',
  bufferKm: '1',
};

const mgrsPattern = /^\d{1,2}[C-HJ-NP-X][A-HJ-NP-Z]{2}(\d{2}){0,5}$/i;

/** One typed line as a position: "lon, lat" (or separated by spaces) or an MGRS reference; null when it is neither. */
export function parsePosition(line: string): PositionInput | null {
  const compact = line.replace(/\s+/g, '');
  if (mgrsPattern.test(compact)) return { mgrs: compact.toUpperCase() };
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,;\s]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(line);
  if (!m) return null;
  const lon = Number(m[1]);
  const lat = Number(m[2]);
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return null;
  return [lon, lat];
}

/** The positions of the area, drawn or typed; `bad` lists the typed lines (1-based) that are not positions. */
export function positionsOf(a: AreaDraft): { positions: PositionInput[]; bad: number[] } {
  if (a.entry === 'map') return { positions: a.points, bad: [] };
  const positions: PositionInput[] = [];
  const bad: number[] = [];
  a.typed.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const p = parsePosition(line);
    if (p) positions.push(p);
    else bad.push(i + 1);
  });
  return { positions, bad };
}

/** How many positions a shape needs. */
export const neededPoints: Record<AreaShape, number> = { point: 1, route: 2, polygon: 3 };

/** The area as the API takes it, or null when it is not complete. */
export function areaBody(a: AreaDraft): Record<string, unknown> | null {
  const { positions, bad } = positionsOf(a);
  if (bad.length || positions.length < neededPoints[a.shape]) return null;
  if (a.shape === 'point') return { shape: 'point', at: positions[0], radius_km: Number(a.radiusKm) };
  if (a.shape === 'route') return { shape: 'route', points: positions, buffer_km: Number(a.bufferKm) };
  return { shape: 'polygon', points: positions };
}

/** The draft's outline for the map, from the positions given as lon/lat (an MGRS line shows once checked). */
export function draftFeatures(a: AreaDraft): FeatureCollection {
  const lonLat = positionsOf(a).positions.filter((p): p is [number, number] => Array.isArray(p));
  const features: Feature[] = lonLat.map((p) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: p },
    properties: { vertex: 1 },
  }));
  const radius = Number(a.radiusKm);
  if (a.shape === 'point' && lonLat.length && radius > 0)
    features.push({ type: 'Feature', geometry: circlePolygon(lonLat[0][0], lonLat[0][1], radius), properties: {} });
  if (a.shape !== 'point' && lonLat.length >= 2)
    features.push({
      type: 'Feature',
      geometry:
        a.shape === 'polygon' && lonLat.length >= 3
          ? { type: 'Polygon', coordinates: [[...lonLat, lonLat[0]]] }
          : { type: 'LineString', coordinates: lonLat },
      properties: {},
    });
  return { type: 'FeatureCollection', features };
}
