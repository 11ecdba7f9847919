import { formatGrading } from '../../domain/grading.ts';
import type { Incident } from '../../domain/incident.ts';
import type { TearlineView } from '../../domain/incident-tearline.ts';
import { formatReleasability } from '../../domain/releasability.ts';
import { incidentTypes } from '../../domain/taxonomy.ts';
import { toMgrs } from '../../geo/mgrs.ts';
import type { SeenIncident } from '../../service/incident-reads.ts';

function mgrsOf(lon: number, lat: number): string | null {
  try {
    return toMgrs(lon, lat, 5);
  } catch {
    return null;
  }
}

/** Exactly the fields of an incident that leave the server, for the API and the live stream alike. */
export function presentIncident(i: Incident) {
  const t = incidentTypes[i.type];
  const e = i.enrichment;
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
    mgrs: mgrsOf(i.lon, i.lat),
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

/** Exactly the fields of a tearline that leave the server: never the narrative, grading, exact location, reporter or history. */
export function presentTearline(t: TearlineView) {
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

/** An incident as the requester may see it: the record, or its tearline. */
export function presentSeen(s: SeenIncident) {
  return s.seen === 'record' ? presentIncident(s.incident) : presentTearline(s.tearline);
}
