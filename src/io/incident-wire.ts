/**
 * The wire form of an incident that the exporters take: what `presentIncident`
 * (src/server/presenters/incident.ts) returns, spelled out here so that `io` does not reach into
 * `server`. The test beside this file checks that a presented incident fits. Enrichment may add
 * `governorate` and `district`; exporters use them when present.
 */
import type { Casualties, LocationPrecision, TimePrecision } from '../domain/incident.ts';
import type { IncidentType } from '../domain/taxonomy.ts';

export interface IncidentWire {
  id: string;
  type: IncidentType;
  type_label: string;
  acled_event_type: string;
  acled_sub_event_type: string;
  time: string;
  time_precision: TimePrecision;
  lon: number;
  lat: number;
  location_precision: LocationPrecision;
  place: string | null;
  narrative: string;
  casualties: Casualties;
  grading: string | null;
  releasability: string;
  /** The record's tearline (sanitised summary and its wider releasability), or null. */
  tearline?: { releasability: string; summary: string | null } | null;
  verification: string;
  owner_org: string;
  reporter_id: string | null;
  jcc: string | null;
  source: string;
  source_id: string | null;
  exercise: boolean;
  created_at: string;
  updated_at: string;
  version: number;
  governorate?: string | null;
  district?: string | null;
}
