import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { circlePolygon } from '../map/map-data.ts';
import { type ActivityRecord, isNotice, type SeenActivity } from './activity-types.ts';

/** An activity's area as a map geometry: a point's radius as a circle, a route as its line, an outline as its polygon. */
export function areaGeometry(area: ActivityRecord['area']): Geometry {
  if (area.shape === 'point' && area.geometry.type === 'Point') {
    const [lon, lat] = area.geometry.coordinates;
    return circlePolygon(lon, lat, area.radius_km ?? 0.5);
  }
  return area.geometry as Geometry;
}

/**
 * The activities the reader may see as map features, coloured by their first owner: whole ones by their area,
 * notices that carry a location (from a tearline) as a point without an owner.
 */
export function activityFeatures(activities: readonly SeenActivity[]): FeatureCollection {
  const features: Feature[] = [];
  for (const a of activities) {
    if (a.state === 'cancelled' || a.state === 'done') continue;
    if (isNotice(a)) {
      if (a.lon !== null && a.lat !== null)
        features.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [a.lon, a.lat] },
          properties: { id: a.id, org: '', notice: 1, state: a.state },
        });
      continue;
    }
    features.push({
      type: 'Feature',
      geometry: areaGeometry(a.area),
      properties: { id: a.id, org: a.owner_orgs[0], notice: 0, state: a.state, shape: a.area.shape },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The checked area of a plan (as the server placed it) for the map: its outline and its points. */
export function checkedFeatures(area: ActivityRecord['area']): FeatureCollection {
  const vertices: Feature[] = (
    area.geometry.type === 'Point'
      ? [area.geometry.coordinates]
      : area.geometry.type === 'LineString'
        ? area.geometry.coordinates
        : area.geometry.coordinates[0].slice(0, -1)
  ).map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: { vertex: 1 } }));
  return {
    type: 'FeatureCollection',
    features: [...vertices, { type: 'Feature', geometry: areaGeometry(area), properties: {} }],
  };
}
