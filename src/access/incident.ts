import type { Position } from '../domain/geojson.ts';
import type { Incident } from '../domain/incident.ts';
import { type TearlineView, tearlineView } from '../domain/incident-tearline.ts';
import { snapToGrid } from '../geo/grid.ts';
import { type AccessFacts, type Reader, type Shareable, type Visibility, visibility } from './policy.ts';

/**
 * The sharing facts of an incident that another one refers to (the suspected duplicate found at
 * ingest, the one a verification marked it a duplicate of), by id; undefined for no such incident.
 */
export type ReferencedIncidents = (id: string) => Shareable | undefined;

/** What a reader gets of one incident: all of it, or its tearline only. */
export type SeenIncident = { seen: 'record'; incident: Incident } | { seen: 'tearline'; tearline: TearlineView };

/**
 * Whether a reader may see an incident whole, through its tearline, or not at all. Every read
 * of incidents (single reads, lists, map points, the stream, exports, history, gap analysis)
 * decides through this function, by way of `seeIncident` or, for rows that are not whole
 * incidents, directly.
 */
export function incidentVisibility(reader: Reader, incident: Shareable, facts: AccessFacts): Visibility {
  return visibility(reader, incident, facts);
}

/** Where a tearline places an incident: its location snapped to the site's grid of `gridKm`. */
export function tearlineLocation(lon: number, lat: number, gridKm: number): Position {
  return snapToGrid(lon, lat, gridKm);
}

/**
 * The incident with every reference to another incident the reader may not see at all blanked: an
 * ID names a record, so a reference may only point at one the reader sees whole or as a tearline.
 */
export function withVisibleReferences(
  reader: Reader,
  incident: Incident,
  facts: AccessFacts,
  referenced: ReferencedIncidents,
): Incident {
  const hidden = (id: string | null): boolean => {
    if (id === null) return false;
    const other = referenced(id);
    return other === undefined || incidentVisibility(reader, other, facts) === 'none';
  };
  const hideDuplicateOf = hidden(incident.duplicateOf);
  const hideSuspected = hidden(incident.enrichment.suspectedDuplicateOf);
  if (!hideDuplicateOf && !hideSuspected) return incident;
  return {
    ...incident,
    duplicateOf: hideDuplicateOf ? null : incident.duplicateOf,
    enrichment: hideSuspected ? { ...incident.enrichment, suspectedDuplicateOf: null } : incident.enrichment,
  };
}

/** What a reader may see of one incident: the record (with only the references it may follow), its tearline, or nothing (null). */
export function seeIncident(
  reader: Reader,
  incident: Incident,
  facts: AccessFacts,
  gridKm: number,
  referenced: ReferencedIncidents,
): SeenIncident | null {
  const v = incidentVisibility(reader, incident, facts);
  if (v === 'record') return { seen: 'record', incident: withVisibleReferences(reader, incident, facts, referenced) };
  if (v === 'tearline' && incident.tearline) {
    const coarse = tearlineLocation(incident.lon, incident.lat, gridKm);
    const area = incident.enrichment.district?.name ?? incident.enrichment.governorate?.name ?? null;
    return { seen: 'tearline', tearline: tearlineView(incident, incident.tearline, coarse, area) };
  }
  return null;
}

/**
 * The incident if the reader may see it whole (with only the references it may follow); null
 * otherwise (a tearline is not enough).
 */
export function seeWholeIncident(
  reader: Reader,
  incident: Incident,
  facts: AccessFacts,
  referenced: ReferencedIncidents,
): Incident | null {
  return incidentVisibility(reader, incident, facts) === 'record'
    ? withVisibleReferences(reader, incident, facts, referenced)
    : null;
}
