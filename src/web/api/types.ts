// The shapes the Seam API answers, as the browser app reads them: the server's own types
// (imported as types only, so nothing of the server is bundled), never retyped here.
import type { MultiPolygon, Polygon } from 'geojson';
import type { IncidentWire, TearlineWire } from '../../domain/incident-fields.ts';
import type { IncidentPointRow } from '../../domain/incident-point.ts';
import type { CoordinationLineWire } from '../../domain/records/coordination-line.ts';
import type { GapSnapshotWire } from '../../domain/records/gap-snapshot.ts';
import type { JccWire } from '../../domain/records/jcc.ts';
import type { OrganisationWire } from '../../domain/records/organisation.ts';
import type { PresenceWire } from '../../domain/records/presence.ts';
import type { SharingGroupWire } from '../../domain/records/sharing-group.ts';
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

export type { Names } from '../../domain/names.ts';

export type Organisation = OrganisationWire;

export type Jcc = JccWire;

export type Line = CoordinationLineWire;

export type PresenceRecord = PresenceWire;

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

export type GapSnapshot = GapSnapshotWire;

export type SharingGroup = SharingGroupWire;
