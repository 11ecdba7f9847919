import type { ActivityArea } from '../domain/activity.ts';
import type { AreaInput, PositionInput } from '../domain/activity-input.ts';
import { invalid, SeamError } from '../domain/errors.ts';
import type { Position } from '../domain/geojson.ts';
import { checkActivityArea } from '../geo/activity-area.ts';
import { fromMgrs } from '../geo/mgrs.ts';
import type { Store } from '../store/store.ts';
import { resolvePlace } from './gazetteer.ts';

/** A position from lon/lat, MGRS or a place name, with any error named after the field it came from. */
async function resolvePosition(store: Store, p: PositionInput, field: string): Promise<Position> {
  if (Array.isArray(p)) return [p[0], p[1]];
  try {
    if ('mgrs' in p) {
      const m = fromMgrs(p.mgrs);
      if (m.precisionM > 1000)
        throw invalid('mgrs', 'give at least 3 digits per coordinate (a 1 km square) for a planned area');
      return [m.lon, m.lat];
    }
    const place = await resolvePlace(store, p.place);
    return [place.lon, place.lat];
  } catch (err) {
    if (err instanceof SeamError && err.code === 'validation')
      throw new SeamError(
        'validation',
        `${field}: ${err.message}`,
        err.issues.map((i) => ({ ...i, field: `${field}.${i.field}` })),
      );
    throw err;
  }
}

/** An activity's area from its input: positions resolved, a polygon's ring closed, and the whole checked. */
export async function resolveArea(store: Store, input: AreaInput): Promise<ActivityArea> {
  let area: ActivityArea;
  if (input.shape === 'point') {
    const at = await resolvePosition(store, input.at, 'area.at');
    area = { shape: 'point', geometry: { type: 'Point', coordinates: at }, radiusKm: input.radius_km };
  } else {
    const points: Position[] = [];
    for (const [k, p] of input.points.entries()) points.push(await resolvePosition(store, p, `area.points.${k}`));
    if (input.shape === 'route') {
      area = { shape: 'route', geometry: { type: 'LineString', coordinates: points }, bufferKm: input.buffer_km };
    } else {
      const [first, last] = [points[0], points[points.length - 1]];
      if (first[0] !== last[0] || first[1] !== last[1]) points.push(first);
      area = { shape: 'polygon', geometry: { type: 'Polygon', coordinates: [points] } };
    }
  }
  checkActivityArea(area);
  return area;
}
