import type { Feature, FeatureCollection, Geometry, Point, Polygon } from 'geojson';
import { type IncidentPoint, incidentPointsFromRows } from '../../domain/incident-point.ts';
import type { Boundary, GapReport, IncidentPoints, Jcc, Line, PresenceRecord } from '../api/types.ts';

/** One incident on the map, as the points endpoint and the live stream give it. */
export type MapIncident = IncidentPoint;

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Incidents from the points endpoint's rows. */
export function incidentsFromPoints(p: IncidentPoints): MapIncident[] {
  return incidentPointsFromRows(p.fields, p.rows);
}

/**
 * The incidents as map features, as light as the map's worker can take them: a feature's id is the incident's
 * position in the list (the map hands it back on a click), and only what the style draws travels with it.
 */
export function incidentFeatures(incidents: readonly MapIncident[]): FeatureCollection<Point> {
  const features: Array<Feature<Point>> = new Array(incidents.length);
  for (let k = 0; k < incidents.length; k++) {
    const i = incidents[k];
    features[k] = {
      type: 'Feature',
      id: k,
      geometry: { type: 'Point', coordinates: [i.lon, i.lat] },
      properties: { type: i.type, casualties: i.casualties, tearline: i.tearline ? 1 : 0 },
    };
  }
  return { type: 'FeatureCollection', features };
}

export function lineFeatures(lines: readonly Line[]): { line: FeatureCollection; zone: FeatureCollection } {
  return {
    line: {
      type: 'FeatureCollection',
      features: lines.map((l) => ({ type: 'Feature', geometry: l.line, properties: { name: l.name } })),
    },
    zone: {
      type: 'FeatureCollection',
      features: lines.map((l) => ({ type: 'Feature', geometry: l.zone, properties: { name: l.name } })),
    },
  };
}

export function jccFeatures(jccs: readonly Jcc[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: jccs.map((j) => ({ type: 'Feature', geometry: j.aor, properties: { code: j.code, name: j.name } })),
  };
}

export function presenceFeatures(presence: readonly PresenceRecord[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: presence.map((p) => ({
      type: 'Feature',
      geometry: p.geometry,
      properties: { id: p.id, kind: p.kind, org: p.org, name: p.name },
    })),
  };
}

export function boundaryFeatures(boundaries: readonly Boundary[]): FeatureCollection {
  return { type: 'FeatureCollection', features: [...boundaries] as Array<Feature<Geometry>> };
}

/** A circle of `radiusKm` around a point as a polygon (on the sphere, 64 sides): a recommended site's reach. */
export function circlePolygon(lon: number, lat: number, radiusKm: number): Polygon {
  const r = radiusKm / 6371.0088;
  const φ1 = (lat * Math.PI) / 180;
  const λ1 = (lon * Math.PI) / 180;
  const ring: number[][] = [];
  for (let i = 0; i <= 64; i++) {
    const θ = (2 * Math.PI * (i % 64)) / 64;
    const φ2 = Math.asin(Math.sin(φ1) * Math.cos(r) + Math.cos(φ1) * Math.sin(r) * Math.cos(θ));
    const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(r) * Math.cos(φ1), Math.cos(r) - Math.sin(φ1) * Math.sin(φ2));
    ring.push([(λ2 * 180) / Math.PI, (φ2 * 180) / Math.PI]);
  }
  return { type: 'Polygon', coordinates: [ring] };
}

/** The gap analysis as map sources: gap polygons, corridor pinch points, hot regions and recommended sites. */
export function gapFeatures(
  r: GapReport | null,
): Record<'gaps' | 'corridors' | 'hotspots' | 'sites' | 'siteAreas', FeatureCollection> {
  if (!r) return { gaps: empty, corridors: empty, hotspots: empty, sites: empty, siteAreas: empty };
  const sites = r.recommendations?.sites ?? [];
  return {
    gaps: r.gaps as FeatureCollection,
    corridors: {
      type: 'FeatureCollection',
      features: r.corridors.map((c) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: c.narrowest_at },
        properties: { id: c.id, width: c.narrowest_width_km },
      })),
    },
    hotspots: {
      type: 'FeatureCollection',
      features: (r.hotspots?.regions ?? []).map((h) => ({
        type: 'Feature',
        geometry: h.outline,
        properties: { id: h.id, in_gap: h.in_gap ? 1 : 0, max_z: h.max_z },
      })),
    },
    sites: {
      type: 'FeatureCollection',
      features: sites.map((s) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
        properties: { rank: s.rank },
      })),
    },
    siteAreas: {
      type: 'FeatureCollection',
      features: sites.map((s) => ({
        type: 'Feature',
        geometry: circlePolygon(s.lon, s.lat, r.recommendations!.radius_km),
        properties: { rank: s.rank },
      })),
    },
  };
}
