// The shapes the Seam API answers, as the browser app reads them.
import type { Geometry, LineString, MultiPolygon, Polygon } from 'geojson';
import type { CasualtyCounts } from '../../domain/incident.ts';
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

/** A name in each language of the interface: English always, Arabic and Central Kurdish where known. */
export interface Names {
  en: string;
  ar: string | null;
  ckb: string | null;
}

export interface Organisation {
  code: string;
  name: string;
  names: Names;
}

export interface Jcc {
  id: string;
  code: string;
  name: string;
  names: Names;
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

export interface IncidentRecord {
  id: string;
  tearline: { releasability: string; summary: string | null } | null;
  type: string;
  type_label: string;
  time: string;
  time_precision: string;
  lon: number;
  lat: number;
  location_precision: string;
  place: string | null;
  narrative: string;
  casualties: { forces: Array<{ org: string } & CasualtyCounts>; civilians: CasualtyCounts };
  grading: string | null;
  releasability: string;
  verification: string;
  review: { by: string; at: string; reason: string } | null;
  duplicate_of: string | null;
  suspected_duplicate_of: string | null;
  owner_org: string;
  reporter_id: string | null;
  jcc: string | null;
  mgrs: string | null;
  governorate: string | null;
  district: string | null;
  line_side: string | null;
  line_distance_km: number | null;
  in_zone: boolean;
  in_gap: boolean;
  source: string | null;
  exercise: boolean;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TearlineRecord {
  id: string;
  tearline: true;
  type: string;
  type_label: string;
  date: string;
  lon: number;
  lat: number;
  area: string | null;
  casualties: CasualtyCounts;
  summary: string | null;
  releasability: string;
  exercise: boolean;
}

/** What a user may see of an incident: the record, or only its tearline. */
export type SeenIncident = IncidentRecord | TearlineRecord;

export function isTearline(i: SeenIncident): i is TearlineRecord {
  return i.tearline === true;
}

export interface HistoryEntry {
  version: number;
  at: string;
  by: string | null;
  op: 'create' | 'update' | 'delete';
  changes: Array<{ field: string; old: unknown; new: unknown }>;
}

/** The compact incident set of the map: one row per incident, columns named by `fields`. */
export interface IncidentPoints {
  fields: string[];
  rows: Array<[string, number, number, string, number, 0 | 1, string, string | null]>;
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

/** A populated place of the gazetteer, as `/api/v1/places` answers it. */
export interface PlaceFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    id: string;
    name_en: string;
    name_ar: string | null;
    name_ckb: string | null;
    population: number | null;
    rank: number;
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
