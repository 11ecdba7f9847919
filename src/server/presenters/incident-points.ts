import type { IncidentPoints } from '../../service/incident-points.ts';

/** The order of the values in each row of a point set. */
export const incidentPointFields = ['id', 'lon', 'lat', 'type', 'casualties', 'tearline', 'time', 'org'] as const;

/**
 * Exactly what leaves the server of a point set: one array per incident, in `fields` order, so
 * 100,000 points cost no repeated key names. A tearline row (tearline 1) carries only what the
 * tearline shows: snapped location, the day, casualty totals and no owner. `change_log_seq` is where a live
 * stream (`/api/v1/stream?after=`) picks up so that no change is missed.
 */
export function presentIncidentPoints(p: IncidentPoints) {
  return {
    fields: incidentPointFields,
    rows: p.points.map((pt) => [pt.id, pt.lon, pt.lat, pt.type, pt.casualties, pt.tearline ? 1 : 0, pt.time, pt.org]),
    count: p.points.length,
    truncated: p.truncated,
    change_log_seq: p.seq,
  };
}
