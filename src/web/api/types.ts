// The shapes the Seam API answers, as the browser app reads them.
import type { Geometry, LineString, MultiPolygon, Polygon } from 'geojson';
import type { IncidentWire, TearlineWire } from '../../domain/incident-fields.ts';
import type { IncidentPointRow } from '../../domain/incident-point.ts';
import type { Role } from '../../domain/roles.ts';

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface Me {
  id: string;
  username: string;
  org: string;
  roles: Role[];
  csrf_token: string | null;
}

export interface Organisation {
  code: string;
  name: string;
}

export interface Jcc {
  id: string;
  code: string;
  name: string;
  members: string[];
  aor: Polygon | MultiPolygon;
}

export interface Line {
  id: string;
  name: string;
  line: LineString;
  zone_km: number;
  zone: Polygon | MultiPolygon;
}

export interface PresenceRecord {
  id: string;
  org: string;
  kind: 'checkpoint' | 'patrol' | 'unit_aor';
  name: string;
  geometry: Geometry;
  radius_km?: number | null;
  buffer_km?: number | null;
}

/** An incident as the API presents it: the server's own type, never retyped here. */
export type IncidentRecord = IncidentWire;

/** What a user who may see only an incident's tearline is given. */
export type TearlineRecord = TearlineWire;

/** What a user may see of an incident: the record, or only its tearline. */
export type SeenIncident = IncidentRecord | TearlineRecord;

export function isTearline(i: SeenIncident): i is TearlineRecord {
  return i.tearline === true;
}

export type { HistoryEntry } from '../../domain/history-entry.ts';

/** The compact incident set of the map: one row per incident, columns named by `fields`. */
export interface IncidentPoints {
  fields: string[];
  rows: IncidentPointRow[];
  count: number;
  truncated: boolean;
  change_log_seq: number;
}

export interface Boundary {
  type: 'Feature';
  geometry: Polygon | MultiPolygon;
  properties: {
    pcode: string;
    name_en: string;
    name_ar: string | null;
    level: number;
    label: [number, number];
  };
}

/** The gap analysis as the API answers it: exactly the report `src/geo` produces. */
export type { GapReport } from '../../geo/gap-report.ts';

export interface GapSnapshot {
  window_from: string;
  window_to: string;
  uncovered_km2: number;
  uncovered_share: number;
  longest_uncovered_stretch_km: number;
  corridors: number;
  incidents_in_gaps: number;
  uncovered_km2_change: number | null;
}

export interface SharingGroup {
  name: string;
  owner_org: string;
  members: string[];
}
