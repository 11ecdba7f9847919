import type { Enrichment } from '../domain/enrichment.ts';
import { formatGrading, parseGrading } from '../domain/grading.ts';
import { casualtyTotals, type Incident } from '../domain/incident.ts';
import { formatReleasability, parseReleasability } from '../domain/releasability.ts';
import type { Tearline } from '../domain/tearline.ts';

type Value = string | number | null;

/** Every stored column of an incident but `rid`, in one order used for inserts and updates alike. */
export const incidentColumns = [
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
  'reviewed_by',
  'reviewed_at',
  'review_reason',
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
  'killed_total',
  'casualties_total',
  'source',
  'source_id',
  'exercise',
  'created_at',
  'updated_at',
  'version',
] as const;

const bool = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** The column values of an incident, in `incidentColumns` order. */
export function incidentRow(i: Incident): Value[] {
  const e = i.enrichment;
  const totals = casualtyTotals(i.casualties);
  const row: Record<(typeof incidentColumns)[number], Value> = {
    id: i.id,
    type: i.type,
    time: i.time,
    time_precision: i.timePrecision,
    lon: i.lon,
    lat: i.lat,
    location_precision: i.locationPrecision,
    place: i.place,
    narrative: i.narrative,
    casualties: JSON.stringify(i.casualties),
    grading: i.grading ? formatGrading(i.grading) : null,
    releasability: formatReleasability(i.releasability),
    tearline: i.tearline
      ? JSON.stringify({ releasability: formatReleasability(i.tearline.releasability), summary: i.tearline.summary })
      : null,
    verification: i.verification,
    reviewed_by: i.review?.by ?? null,
    reviewed_at: i.review?.at ?? null,
    review_reason: i.review?.reason ?? null,
    duplicate_of: i.duplicateOf,
    owner_org: i.ownerOrg,
    reporter_id: i.reporterId,
    jcc: i.jcc,
    governorate: e.governorate?.name ?? null,
    governorate_pcode: e.governorate?.pcode ?? null,
    district: e.district?.name ?? null,
    district_pcode: e.district?.pcode ?? null,
    line_side: e.lineSide,
    line_distance_km: e.lineDistanceKm,
    in_zone: bool(e.inZone),
    in_gap: bool(e.inGap),
    nearest_checkpoints: JSON.stringify(e.nearestCheckpoints),
    h3: e.h3,
    suspected_duplicate_of: e.suspectedDuplicateOf,
    killed_total: totals.killed,
    casualties_total: totals.killed + totals.wounded + totals.abducted,
    source: i.source,
    source_id: i.sourceId,
    exercise: i.exercise ? 1 : 0,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    version: i.version,
  };
  return incidentColumns.map((c) => row[c]);
}

function tearlineFromJson(text: string): Tearline {
  const t = JSON.parse(text) as { releasability: string; summary: string | null };
  return { releasability: parseReleasability(t.releasability), summary: t.summary };
}

function area(name: unknown, pcode: unknown) {
  return name === null || pcode === null ? null : { name: String(name), pcode: String(pcode) };
}

function enrichmentFromRow(r: Record<string, unknown>): Enrichment {
  return {
    governorate: area(r.governorate, r.governorate_pcode),
    district: area(r.district, r.district_pcode),
    lineSide: str(r.line_side),
    lineDistanceKm: r.line_distance_km === null ? null : Number(r.line_distance_km),
    inZone: r.in_zone === null ? null : r.in_zone === 1,
    inGap: r.in_gap === null ? null : r.in_gap === 1,
    nearestCheckpoints: JSON.parse(String(r.nearest_checkpoints ?? '[]')),
    h3: str(r.h3),
    suspectedDuplicateOf: str(r.suspected_duplicate_of),
  };
}

/** An incident from its stored row. */
export function incidentFromRow(r: Record<string, unknown>): Incident {
  return {
    id: String(r.id),
    type: r.type as Incident['type'],
    time: String(r.time),
    timePrecision: r.time_precision as Incident['timePrecision'],
    lon: Number(r.lon),
    lat: Number(r.lat),
    locationPrecision: r.location_precision as Incident['locationPrecision'],
    place: str(r.place),
    narrative: String(r.narrative),
    casualties: JSON.parse(String(r.casualties)),
    grading: r.grading === null ? null : parseGrading(String(r.grading)),
    releasability: parseReleasability(String(r.releasability)),
    tearline: r.tearline === null ? null : tearlineFromJson(String(r.tearline)),
    verification: r.verification as Incident['verification'],
    review:
      r.reviewed_by === null
        ? null
        : { by: String(r.reviewed_by), at: String(r.reviewed_at), reason: String(r.review_reason ?? '') },
    duplicateOf: str(r.duplicate_of),
    ownerOrg: String(r.owner_org),
    reporterId: str(r.reporter_id),
    jcc: str(r.jcc),
    enrichment: enrichmentFromRow(r),
    source: String(r.source),
    sourceId: str(r.source_id),
    exercise: r.exercise === 1,
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
    version: Number(r.version),
  };
}
