import type { ActivityWire } from '../domain/records/activity.ts';
import { formatCsv } from './csv.ts';

/** Activities as a GeoJSON FeatureCollection: the area's geometry, every other field (conflicts through their tearlines) as properties. */
export function activitiesGeoJson(activities: readonly ActivityWire[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: activities.map(({ area, ...rest }) => ({
      type: 'Feature',
      id: rest.id,
      geometry: area.geometry,
      properties: { ...rest, shape: area.shape, radius_km: area.radius_km, buffer_km: area.buffer_km },
    })),
  });
}

export const activityCsvColumns = [
  'id',
  'kind',
  'owner_orgs',
  'unit',
  'state',
  'start',
  'end',
  'recurrence_until',
  'jcc',
  'contact',
  'place',
  'shape',
  'radius_km',
  'buffer_km',
  'geometry',
  'releasability',
  'conflicts',
  'hidden_conflicts',
  'acknowledged',
  'pending',
  'concerns',
  'version',
] as const;

/**
 * Activities as CSV, one row each, with a byte order mark and formula-like cells neutralised. A
 * conflict the reader may see is listed as `with:id (km)`; a hidden one only counts.
 */
export function activitiesCsv(activities: readonly ActivityWire[]): string {
  const count = (a: ActivityWire, status: string) =>
    a.notifications
      .filter((n) => n.status === status)
      .map((n) => n.org ?? '(not named)')
      .join(' ');
  const rows = activities.map((a) => [
    a.id,
    a.kind,
    a.owner_orgs.join(' '),
    a.unit,
    a.state,
    a.start,
    a.end,
    a.recurrence?.until ?? null,
    a.jcc,
    a.contact,
    a.place,
    a.area.shape,
    a.area.radius_km,
    a.area.buffer_km,
    JSON.stringify(a.area.geometry),
    a.releasability,
    a.conflicts.flatMap((c) => (c.hidden ? [] : [`${c.with}:${c.record_id} (${c.distance_km} km)`])).join('; '),
    a.conflicts.filter((c) => c.hidden).length,
    count(a, 'acknowledged'),
    count(a, 'pending'),
    count(a, 'concern'),
    a.version,
  ]);
  return formatCsv([[...activityCsvColumns], ...rows], { byteOrderMark: true });
}
