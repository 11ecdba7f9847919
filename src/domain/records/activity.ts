import type { Activity, ActivityArea } from '../activity.ts';
import { activityCreateSchema } from '../activity-input.ts';
import type { ActivityNotice, ActivityView, ConflictView, NotificationView, SeenActivity } from '../activity-view.ts';
import { asLogged, defineRecordType } from '../record-type.ts';
import { formatReleasability } from '../releasability.ts';

/**
 * Planned activities: released by their owners' releasability (each owner of a joint activity sees
 * it whole), as a tearline, or as a notice to the organisations notified of it. The change log
 * names the first owner; the access function reads every owner from the record.
 */
export const activityRecord = defineRecordType({
  name: 'activity',
  audience: 'released',
  schema: activityCreateSchema,
  logged: (a: Activity) => ({
    recordId: a.id,
    ownerOrg: a.ownerOrgs[0],
    releasability: formatReleasability(a.releasability),
    jcc: a.jcc,
    data: a,
  }),
  fromLog: asLogged<Activity>,
});

function areaWire(area: ActivityArea) {
  return {
    shape: area.shape,
    geometry: area.geometry,
    radius_km: area.shape === 'point' ? area.radiusKm : null,
    buffer_km: area.shape === 'route' ? area.bufferKm : null,
  };
}

function conflictWire(c: ConflictView) {
  if (c.hidden) return { hidden: true as const, jcc: c.jcc, overlap: c.overlap };
  return {
    hidden: false as const,
    with: c.with,
    record_id: c.recordId,
    org: c.ownerOrg,
    kind: c.kind,
    name: c.name,
    distance_km: c.distanceKm,
    overlap: c.overlap,
    jcc: c.jcc,
  };
}

function notificationWire(n: NotificationView) {
  return {
    org: n.org,
    reasons: n.reasons,
    status: n.status,
    by: n.by,
    at: n.at,
    comment: n.comment,
    escalated_at: n.escalatedAt,
  };
}

/** The fields of an activity a reader sees whole that leave the server (API, live stream, exports). */
export function activityWire(a: ActivityView) {
  return {
    id: a.id,
    notice: false as const,
    kind: a.kind,
    owner_orgs: a.ownerOrgs,
    joint: a.ownerOrgs.length > 1,
    unit: a.unit,
    area: areaWire(a.area),
    place: a.place,
    start: a.start,
    end: a.end,
    recurrence: a.recurrence,
    contact: a.contact,
    jcc: a.jcc,
    releasability: formatReleasability(a.releasability),
    tearline: a.tearline && {
      releasability: formatReleasability(a.tearline.releasability),
      summary: a.tearline.summary,
    },
    state: a.state,
    conflicts: a.conflicts.map(conflictWire),
    conflicts_omitted: a.conflictsOmitted,
    notifications: a.notifications.map(notificationWire),
    approvals: a.approvals,
    deconflicted_at: a.deconflictedAt,
    exercise: a.exercise,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    version: a.version,
  };
}

/** The fields of an activity notice (its tearline, or a notification) that leave the server. */
export function activityNoticeWire(n: ActivityNotice) {
  return {
    id: n.id,
    notice: true as const,
    state: n.state,
    start: n.start,
    end: n.end,
    recurrence: n.recurrence,
    jcc: n.jcc,
    contact: n.contact,
    kind: n.kind,
    lon: n.location?.[0] ?? null,
    lat: n.location?.[1] ?? null,
    summary: n.summary,
    releasability: n.tearlineReleasability,
    notification: n.notification && notificationWire(n.notification),
    concerns: n.concerns.map((c) => ({ with: c.with, record_id: c.recordId, overlap: c.overlap })),
    exercise: n.exercise,
    version: n.version,
  };
}

/** An activity as it leaves the server for a reader: whole, or a notice. */
export function seenActivityWire(s: SeenActivity) {
  return s.seen === 'record' ? activityWire(s.activity) : activityNoticeWire(s.notice);
}

export type ActivityWire = ReturnType<typeof activityWire>;
export type SeenActivityWire = ReturnType<typeof seenActivityWire>;
