import type { AlertMatch } from './alert.ts';
import { type IncidentType, incidentTypes } from './taxonomy.ts';

/** What an alert's text may be built from: only what its reader sees of the alert and its record. */
export interface AlertTextInput {
  ruleName: string;
  /** Null when the reader sees the record's tearline only. */
  match: AlertMatch | null;
  incidentType: IncidentType;
  /** The day of the record (a tearline carries no more). */
  date: string;
  area: string | null;
}

/** The one-line text of an alert, from what its reader may see (never from hidden fields). */
export function alertText(i: AlertTextInput): string {
  const label = incidentTypes[i.incidentType].label;
  const rule = ` (${i.ruleName})`;
  if (i.match?.kind === 'incident_near')
    return `${label} ${i.match.distanceKm.toFixed(1)} km from ${i.match.presenceName} on ${i.date}${rule}`;
  if (i.match?.kind === 'incident_in_corridor') return `${label} in a gap corridor on ${i.date}${rule}`;
  return `${label} reported on ${i.date}${i.area ? ` in ${i.area}` : ''}${rule}`;
}
