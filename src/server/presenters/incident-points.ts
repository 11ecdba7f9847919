import { incidentPointFields, incidentPointRow } from '../../domain/incident-point.ts';
import type { IncidentPoints } from '../../service/incident-points.ts';

/**
 * Exactly what leaves the server of a point set: one array per incident, in `fields` order, so
 * 100,000 points cost no repeated key names. A tearline row (tearline 1) carries only what the
 * tearline shows: snapped location, the day, casualty totals and no owner. `change_log_seq` is where a live
 * stream (`/api/v1/stream?after=`) picks up so that no change is missed.
 */
export function presentIncidentPoints(p: IncidentPoints) {
  return {
    fields: incidentPointFields,
    rows: p.points.map(incidentPointRow),
    count: p.points.length,
    truncated: p.truncated,
    change_log_seq: p.seq,
  };
}
