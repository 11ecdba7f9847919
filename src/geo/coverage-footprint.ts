import { invalid } from '../domain/errors.ts';
import type { Areal, Polygon, Position } from '../domain/geojson.ts';
import { maxCoverageKm } from '../domain/presence.ts';
import { planarBuffer } from './jsts-engine.ts';
import type { CoverageItem } from './presence-index.ts';
import type { Projection } from './projection.ts';

/** Vertices of a checkpoint's circle (a patrol's round caps and joins use a quarter as many per quarter circle). */
export const circleVertices = 64;

/**
 * The radius at which a regular n-gon has the area of the circle of radius 1: a checkpoint's polygon then has
 * exactly the true area, and its outline stays within +0.08%/−0.04% of the true radius at 64 vertices.
 */
export function equalAreaRadiusFactor(vertices: number): number {
  return Math.sqrt((2 * Math.PI) / (vertices * Math.sin((2 * Math.PI) / vertices)));
}

/** A planar regular polygon with the area of the circle of `radius` around `centre`, counter-clockwise. */
export function planarCircle(centre: Position, radius: number, vertices = circleVertices): Polygon {
  const r = radius * equalAreaRadiusFactor(vertices);
  const ring: Position[] = [];
  for (let i = 0; i < vertices; i++) {
    const a = (2 * Math.PI * i) / vertices;
    ring.push([centre[0] + r * Math.cos(a), centre[1] + r * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

const finitePosition = (p: unknown): p is Position =>
  Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[1]) <= 90;

/**
 * Refuses a coverage item whose geometry does not fit its kind, whose positions are not lon/lat, or whose radius
 * or buffer is not in (0, 100] km (0 for an AOR); `field` names it in the error.
 */
export function checkCoverageItem(item: CoverageItem, field: string): void {
  const g = item.geometry;
  const expected = { checkpoint: 'Point', patrol: 'LineString', unit_aor: 'Polygon' }[item.kind];
  if (!expected) throw invalid(`${field}.kind`, 'must be checkpoint, patrol or unit_aor');
  if (!g || g.type !== expected) throw invalid(`${field}.geometry`, `a ${item.kind} must be a ${expected}`);
  const positions =
    g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : g.coordinates.flat();
  if (!Array.isArray(positions) || positions.length === 0 || !positions.every(finitePosition))
    throw invalid(`${field}.geometry`, 'has a position that is not a lon/lat pair');
  if (g.type === 'LineString' && g.coordinates.length < 2)
    throw invalid(`${field}.geometry`, 'a patrol route needs at least two positions');
  if (item.kind !== 'unit_aor' && !(item.km > 0 && item.km <= maxCoverageKm))
    throw invalid(
      `${field}.${item.kind === 'checkpoint' ? 'radius_km' : 'buffer_km'}`,
      `must be more than 0 and at most ${maxCoverageKm} km, got ${item.km}`,
    );
}

/**
 * The ground an item covers, in the planar equal-area frame of `projection`: a checkpoint's circle, a patrol route's
 * buffer (round caps and joins), or a unit's AOR polygon (already valid).
 */
export function planarFootprint(item: CoverageItem, projection: Projection, vertices = circleVertices): Areal {
  const g = item.geometry;
  switch (g.type) {
    case 'Point':
      return planarCircle(projection.forward(g.coordinates), item.km * 1000, vertices);
    case 'LineString':
      return planarBuffer(
        { type: 'LineString', coordinates: g.coordinates.map(projection.forward) },
        item.km * 1000,
        Math.max(1, Math.round(vertices / 4)),
      );
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(projection.forward)) };
  }
}
