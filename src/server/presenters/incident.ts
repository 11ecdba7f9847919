import type { Incident } from '../../domain/incident.ts';
import { type IncidentWire, incidentWire, type SeenIncidentWire, tearlineWire } from '../../domain/incident-fields.ts';
import { toMgrs } from '../../geo/mgrs.ts';
import type { SeenIncident } from '../../service/incident-reads.ts';

function mgrsOf(lon: number, lat: number): string | null {
  try {
    return toMgrs(lon, lat, 5);
  } catch {
    return null;
  }
}

/**
 * Exactly the fields of an incident that leave the server, for the API and the live stream alike:
 * the incident's field map (`domain/incident-fields.ts`) and its MGRS reference.
 */
export function presentIncident(i: Incident): IncidentWire {
  return incidentWire(i, mgrsOf(i.lon, i.lat));
}

/** An incident as the requester may see it: the record, or its tearline. */
export function presentSeen(s: SeenIncident): SeenIncidentWire {
  return s.seen === 'record' ? presentIncident(s.incident) : tearlineWire(s.tearline);
}
