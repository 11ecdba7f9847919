import type { AreaRef } from './enrichment.ts';
import { formatGrading, parseGrading } from './grading.ts';
import type { Incident } from './incident.ts';
import type { TearlineView } from './incident-tearline.ts';
import { formatReleasability, parseReleasability } from './releasability.ts';
import { incidentTypes } from './taxonomy.ts';

/**
 * The one map of an incident's fields to their outside names. The store's columns, the API's and
 * the live stream's JSON, the exporters' wire form and the browser app's types are all these names
 * (snake_case) with these values, so each derives from here rather than spelling the fields again.
 * It is the incident as it leaves the server: its own fields and, in their place, what is worked out
 * from them for a reader (type labels, and the MGRS reference the caller gives, since `domain` does
 * not convert coordinates); the store keeps only the incident's own fields.
 */
export function incidentWire(i: Incident, mgrs: string | null) {
  const e = i.enrichment;
  const t = incidentTypes[i.type];
  return {
    id: i.id,
    type: i.type,
    type_label: t.label,
    acled_event_type: t.acledEventType,
    acled_sub_event_type: t.acledSubEventType,
    time: i.time,
    time_precision: i.timePrecision,
    lon: i.lon,
    lat: i.lat,
    location_precision: i.locationPrecision,
    place: i.place,
    narrative: i.narrative,
    casualties: i.casualties,
    grading: i.grading ? formatGrading(i.grading) : null,
    releasability: formatReleasability(i.releasability),
    tearline: i.tearline && {
      releasability: formatReleasability(i.tearline.releasability),
      summary: i.tearline.summary,
    },
    verification: i.verification,
    review: i.review && { by: i.review.by, at: i.review.at, reason: i.review.reason },
    duplicate_of: i.duplicateOf,
    owner_org: i.ownerOrg,
    reporter_id: i.reporterId,
    jcc: i.jcc,
    mgrs,
    governorate: e.governorate?.name ?? null,
    governorate_pcode: e.governorate?.pcode ?? null,
    district: e.district?.name ?? null,
    district_pcode: e.district?.pcode ?? null,
    line_side: e.lineSide,
    line_distance_km: e.lineDistanceKm,
    in_zone: e.inZone,
    in_gap: e.inGap,
    nearest_checkpoints: e.nearestCheckpoints,
    h3: e.h3,
    suspected_duplicate_of: e.suspectedDuplicateOf,
    source: i.source,
    source_id: i.sourceId,
    exercise: i.exercise,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    version: i.version,
  };
}

/**
 * An incident as it leaves the server (API, live stream, exports). The browser app and the
 * exporters read this type; they never retype it.
 */
export type IncidentWire = ReturnType<typeof incidentWire>;

/** What a reader is told besides an incident's own fields, worked out from them. */
export type IncidentDerivedFields = Pick<
  IncidentWire,
  'type_label' | 'acled_event_type' | 'acled_sub_event_type' | 'mgrs'
>;

/** An incident's own fields under their outside names: what the store keeps and {@link incidentFromFields} takes. */
export type IncidentFields = Omit<IncidentWire, keyof IncidentDerivedFields>;

function area(name: string | null, pcode: string | null): AreaRef | null {
  return name === null || pcode === null ? null : { name, pcode };
}

/** The incident an {@link IncidentFields} describes: the inverse of {@link incidentWire} (but what it works out). */
export function incidentFromFields(f: IncidentFields): Incident {
  return {
    id: f.id,
    type: f.type,
    time: f.time,
    timePrecision: f.time_precision,
    lon: f.lon,
    lat: f.lat,
    locationPrecision: f.location_precision,
    place: f.place,
    narrative: f.narrative,
    casualties: f.casualties,
    grading: f.grading === null ? null : parseGrading(f.grading),
    releasability: parseReleasability(f.releasability),
    tearline: f.tearline && {
      releasability: parseReleasability(f.tearline.releasability),
      summary: f.tearline.summary,
    },
    verification: f.verification,
    review: f.review,
    duplicateOf: f.duplicate_of,
    ownerOrg: f.owner_org,
    reporterId: f.reporter_id,
    jcc: f.jcc,
    enrichment: {
      governorate: area(f.governorate, f.governorate_pcode),
      district: area(f.district, f.district_pcode),
      lineSide: f.line_side,
      lineDistanceKm: f.line_distance_km,
      inZone: f.in_zone,
      inGap: f.in_gap,
      nearestCheckpoints: f.nearest_checkpoints,
      h3: f.h3,
      suspectedDuplicateOf: f.suspected_duplicate_of,
    },
    source: f.source,
    sourceId: f.source_id,
    exercise: f.exercise,
    createdAt: f.created_at,
    updatedAt: f.updated_at,
    version: f.version,
  };
}

/**
 * The outside names of an incident's own fields, in the order the store and the API list them.
 * The compiler holds it to exactly the names of {@link IncidentFields} (see `Exact` below).
 */
export const incidentFieldNames = [
  'id',
  'type',
  'time',
  'time_precision',
  'lon',
  'lat',
  'location_precision',
  'place',
  'narrative',
  'casualties',
  'grading',
  'releasability',
  'tearline',
  'verification',
  'review',
  'duplicate_of',
  'owner_org',
  'reporter_id',
  'jcc',
  'governorate',
  'governorate_pcode',
  'district',
  'district_pcode',
  'line_side',
  'line_distance_km',
  'in_zone',
  'in_gap',
  'nearest_checkpoints',
  'h3',
  'suspected_duplicate_of',
  'source',
  'source_id',
  'exercise',
  'created_at',
  'updated_at',
  'version',
] as const satisfies readonly (keyof IncidentFields)[];

// Fails to compile when a field is added to incidentWire but not to incidentFieldNames.
type Exact = Exclude<keyof IncidentFields, (typeof incidentFieldNames)[number]>;
const exact: [Exact] extends [never] ? true : never = true;
void exact;

/** A tearline as it leaves the server: never the narrative, grading, exact location, reporter or history. */
export function tearlineWire(t: TearlineView) {
  return {
    id: t.id,
    tearline: true as const,
    type: t.type,
    type_label: incidentTypes[t.type].label,
    date: t.date,
    lon: t.location[0],
    lat: t.location[1],
    area: t.area,
    casualties: t.casualties,
    summary: t.summary,
    releasability: t.releasability,
    exercise: t.exercise,
  };
}

/** What a reader who may see only an incident's tearline is told of it. */
export type TearlineWire = ReturnType<typeof tearlineWire>;

/** What a reader is told of an incident: the whole record, or only its tearline. */
export type SeenIncidentWire = IncidentWire | TearlineWire;
