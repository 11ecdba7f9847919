/**
 * The shared picture as CoT: what a reader may see of an incident, activity, support request or
 * alert, as the event a TAK client draws. Each record keeps one uid (`seam.<kind>.<id>`), so a
 * correction replaces the marker, a narrowing to the tearline replaces it with the tearline's,
 * and {@link removalEvent} (the same uid, stale now) takes it off the client's map. `caveat`
 * carries the releasability the reader saw it under and `releaseableTo` the organisations of its
 * audience; a tearline carries its own releasability and no organisations (the list would name
 * the owner, which a tearline does not). Pure: the caller passes the time and the audiences. The mapping is documented in docs/tak.md.
 */

import type { SeenAlert } from '../access/alert.ts';
import type { SeenIncident } from '../access/incident.ts';
import type { SeenActivity } from '../domain/activity-view.ts';
import type { Position } from '../domain/geojson.ts';
import type { SupportRequest } from '../domain/support-request.ts';
import { type IncidentType, incidentTypes } from '../domain/taxonomy.ts';
import { interiorPoint } from '../geo/interior-point.ts';
import { escapeXmlAttr, escapeXmlText } from '../io/xml-escape.ts';
import { type CotEvent, unknownValue } from './event.ts';

/** Marker types: a hostile act, an event of unknown affiliation, a casualty evacuation request, a spot marker. */
export const hostileType = 'a-h-G';
export const unknownType = 'a-u-G';
export const casevacType = 'b-r-f-h-c';
export const spotType = 'b-m-p-s-m';

/** The CoT type an incident of a Seam type is drawn as: violent events hostile, the rest of unknown affiliation. */
export function incidentCotType(type: IncidentType): string {
  const info = incidentTypes[type];
  const violent = ['Battles', 'Explosions/Remote violence', 'Violence against civilians'];
  return info && violent.includes(info.acledEventType) ? hostileType : unknownType;
}

export type PictureKind = 'incident' | 'activity' | 'support_request' | 'alert';

/** The uid of a record's marker. */
export function pictureUid(kind: PictureKind, id: string): string {
  return `seam.${kind}.${id}`;
}

export interface Audience {
  /** The releasability the reader saw the record (or its tearline) under, in its wire form. */
  releasability: string;
  /** The organisations of that audience. */
  orgs: readonly string[];
}

interface Marker {
  uid: string;
  type: string;
  lon: number;
  lat: number;
  /** Circular error in metres (a tearline's snapping), or unknown. */
  ce?: number;
  start: string;
  callsign: string;
  remarks: string;
  seam: Record<string, string>;
  audience: Audience | null;
}

const remarksMax = 2000;

function marker(m: Marker, nowMs: number, staleMs: number): CotEvent {
  const now = new Date(nowMs).toISOString();
  let xml = `<seam${Object.entries(m.seam)
    .map(([k, v]) => ` ${k}="${escapeXmlAttr(v)}"`)
    .join('')}/>`;
  if (m.remarks) xml += `<remarks>${escapeXmlText(m.remarks.slice(0, remarksMax))}</remarks>`;
  const event: CotEvent = {
    uid: m.uid,
    type: m.type,
    how: 'h-e',
    time: now,
    start: m.start <= now ? m.start : now,
    stale: new Date(nowMs + staleMs).toISOString(),
    point: { lat: m.lat, lon: m.lon, hae: unknownValue, ce: m.ce ?? unknownValue, le: unknownValue },
    detail: { contact: { callsign: m.callsign.slice(0, 120) || m.uid }, xmlDetail: xml },
  };
  if (m.audience) {
    event.caveat = m.audience.releasability;
    if (m.audience.orgs.length) event.releaseableTo = m.audience.orgs.join(',');
  }
  return event;
}

/** How long a marker stays current on a client unless sent again. */
export interface PictureTiming {
  nowMs: number;
  staleMs: number;
}

/**
 * An incident as its reader may see it: whole (with the record's audience), or its tearline
 * (snapped location, type, summary, nothing else).
 */
export function incidentEvent(
  seen: SeenIncident,
  audience: Audience | null,
  t: PictureTiming,
  gridKm: number,
): CotEvent {
  if (seen.seen === 'record') {
    const i = seen.incident;
    const label = incidentTypes[i.type]?.label ?? i.type;
    return marker(
      {
        uid: pictureUid('incident', i.id),
        type: incidentCotType(i.type),
        lon: i.lon,
        lat: i.lat,
        start: i.time,
        callsign: i.place ? `${label} – ${i.place}` : label,
        remarks: i.narrative,
        seam: { kind: 'incident', type: i.type, id: i.id, verification: i.verification, owner: i.ownerOrg },
        audience,
      },
      t.nowMs,
      t.staleMs,
    );
  }
  const v = seen.tearline;
  const label = incidentTypes[v.type]?.label ?? v.type;
  return marker(
    {
      uid: pictureUid('incident', v.id),
      type: incidentCotType(v.type),
      lon: v.location[0],
      lat: v.location[1],
      // The location is a grid cell's centre: say how far off it may be.
      ce: Math.round(gridKm * 1000 * Math.SQRT1_2),
      start: `${v.date}T00:00:00.000Z`,
      callsign: label,
      remarks: v.summary ?? '',
      seam: { kind: 'incident', type: v.type, id: v.id, tearline: 'true' },
      audience: { releasability: v.releasability, orgs: [] },
    },
    t.nowMs,
    t.staleMs,
  );
}

function areaPoint(g: { type: string; coordinates: unknown }): Position {
  if (g.type === 'Point') return g.coordinates as Position;
  if (g.type === 'LineString') {
    const line = g.coordinates as Position[];
    return line[Math.floor(line.length / 2)];
  }
  return interiorPoint(g as Parameters<typeof interiorPoint>[0]);
}

/** An activity as its reader may see it: whole at its area's point, or its tearline notice; null when the notice has no location. */
export function activityEvent(seen: SeenActivity, audience: Audience | null, t: PictureTiming): CotEvent | null {
  if (seen.seen === 'record') {
    const a = seen.activity;
    const [lon, lat] = areaPoint(a.area.geometry);
    return marker(
      {
        uid: pictureUid('activity', a.id),
        type: spotType,
        lon,
        lat,
        start: a.start,
        callsign: `${a.kind} – ${a.unit}`,
        remarks: `${a.state}, ${a.start} – ${a.end}`,
        seam: { kind: 'activity', id: a.id, activity: a.kind, state: a.state },
        audience,
      },
      t.nowMs,
      t.staleMs,
    );
  }
  const n = seen.notice;
  if (!n.location) return null;
  return marker(
    {
      uid: pictureUid('activity', n.id),
      type: spotType,
      lon: n.location[0],
      lat: n.location[1],
      start: n.start,
      callsign: n.kind ?? 'activity',
      remarks: n.summary ?? '',
      seam: { kind: 'activity', id: n.id, tearline: 'true' },
      audience: n.tearlineReleasability ? { releasability: n.tearlineReleasability, orgs: [] } : null,
    },
    t.nowMs,
    t.staleMs,
  );
}

/** A support request its reader may see: a casualty evacuation as TAK's CASEVAC type, other requests as spot markers. */
export function supportRequestEvent(r: SupportRequest, audience: Audience, t: PictureTiming): CotEvent {
  return marker(
    {
      uid: pictureUid('support_request', r.id),
      type: r.kind === 'medevac' ? casevacType : spotType,
      lon: r.lon,
      lat: r.lat,
      start: r.neededAt,
      callsign: `${r.kind} request (${r.priority})`,
      remarks: `${r.state}. ${r.details}`,
      seam: { kind: 'support_request', id: r.id, request: r.kind, priority: r.priority, state: r.state },
      audience,
    },
    t.nowMs,
    t.staleMs,
  );
}

/** Where an alert's subject lies, as its reader may see it. */
function alertPoint(s: SeenAlert['subject']): Position | null {
  if (s.type === 'incident')
    return s.seen.seen === 'record' ? [s.seen.incident.lon, s.seen.incident.lat] : s.seen.tearline.location;
  if (s.type === 'activity')
    return s.seen.seen === 'record' ? areaPoint(s.seen.activity.area.geometry) : s.seen.notice.location;
  return [s.seen.lon, s.seen.lat];
}

/** An alert to its organisation's clients, a spot marker at its subject; null when the subject has no location the reader may see. */
export function alertEvent(seen: SeenAlert, t: PictureTiming): CotEvent | null {
  const at = alertPoint(seen.subject);
  if (!at) return null;
  const a = seen.alert;
  return marker(
    {
      uid: pictureUid('alert', a.id),
      type: spotType,
      lon: at[0],
      lat: at[1],
      start: a.createdAt,
      callsign: `Alert: ${a.ruleName}`,
      remarks: `${a.ruleKind} – ${a.subjectType}`,
      seam: { kind: 'alert', id: a.id, subject: a.subjectType, subject_id: a.subjectId },
      audience: { releasability: 'org', orgs: [a.recipientOrg] },
    },
    t.nowMs,
    t.staleMs,
  );
}

/** Takes a marker off a client's map: the same uid and type, stale now. */
export function removalEvent(previous: CotEvent, nowMs: number): CotEvent {
  const now = new Date(nowMs).toISOString();
  return {
    uid: previous.uid,
    type: previous.type,
    how: previous.how,
    time: now,
    start: now,
    stale: now,
    point: previous.point,
    detail: { contact: previous.detail.contact },
  };
}
