import type { SeenAlert, SeenAlertSubject } from '../../access/alert.ts';
import type { AlertMatch } from '../../domain/alert.ts';
import {
  type ActivityAlertTextInput,
  activityAlertText,
  alertText,
  requestAlertText,
} from '../../domain/alert-text.ts';
import { seenActivityWire } from '../../domain/records/activity.ts';
import { alertRuleWire } from '../../domain/records/alert-rule.ts';
import { presentSeen } from './incident.ts';
import { presentStreamedSupportRequest } from './support-request.ts';

/** Every field any match may carry, null where its kind has none: one flat shape for clients. */
const emptyMatch = {
  presence_id: null,
  presence_name: null,
  presence_kind: null,
  distance_km: null,
  corridor_id: null,
  gap_area_km2: null,
  activity_id: null,
  activity_kind: null,
  activity_unit: null,
  new_conflicts: null,
  org: null,
  status: null,
  orgs: null,
  others: null,
  priority: null,
  respond_by: null,
};

function matchWire(m: AlertMatch) {
  switch (m.kind) {
    case 'incident_near':
      return {
        ...emptyMatch,
        kind: m.kind,
        presence_id: m.presenceId,
        presence_name: m.presenceName,
        presence_kind: m.presenceKind,
        distance_km: m.distanceKm,
      };
    case 'incident_in_corridor':
      return { ...emptyMatch, kind: m.kind, corridor_id: m.corridorId, gap_area_km2: m.gapAreaKm2 };
    case 'incident_near_activity':
      return {
        ...emptyMatch,
        kind: m.kind,
        activity_id: m.activityId,
        activity_kind: m.activityKind,
        activity_unit: m.activityUnit,
        distance_km: m.distanceKm,
      };
    case 'activity_conflict':
      return { ...emptyMatch, kind: m.kind, new_conflicts: m.newConflicts };
    case 'activity_answer':
      return { ...emptyMatch, kind: m.kind, org: m.org, status: m.status };
    case 'activity_escalated':
      return { ...emptyMatch, kind: m.kind, orgs: m.orgs, others: m.others };
    case 'request_overdue':
      return { ...emptyMatch, kind: m.kind, priority: m.priority, respond_by: m.respondBy };
  }
}

/** The record an alert is about exactly as that record type's own presenter gives it to the reader. */
function subjectRecord(s: SeenAlertSubject) {
  if (s.type === 'incident') return presentSeen(s.seen);
  if (s.type === 'activity') return seenActivityWire(s.seen);
  return presentStreamedSupportRequest(s.seen);
}

/** Whether the reader sees the record whole, or only its tearline or a notice. */
function subjectView(s: SeenAlertSubject): 'record' | 'tearline' | 'notice' {
  if (s.type === 'incident') return s.seen.seen;
  if (s.type === 'activity') return s.seen.seen;
  return 'record';
}

/** The alert's text, built from what its reader sees of the alert and its record alone. */
function textOf(seen: SeenAlert): string {
  const a = seen.alert;
  const s = seen.subject;
  if (s.type === 'incident') {
    return s.seen.seen === 'record'
      ? alertText({
          ruleName: a.ruleName,
          match: a.match,
          incidentType: s.seen.incident.type,
          date: s.seen.incident.time.slice(0, 10),
          area: null,
        })
      : alertText({
          ruleName: a.ruleName,
          match: null,
          incidentType: s.seen.tearline.type,
          date: s.seen.tearline.date,
          area: s.seen.tearline.area,
        });
  }
  if (s.type === 'activity') {
    const ruleKind: ActivityAlertTextInput['ruleKind'] =
      a.ruleKind === 'activity_answer' || a.ruleKind === 'activity_escalated' ? a.ruleKind : 'activity_conflict';
    const common = { ruleName: a.ruleName, match: a.match, ruleKind };
    if (s.seen.seen === 'record') {
      const v = s.seen.activity;
      return activityAlertText({
        ...common,
        kind: v.kind,
        unit: v.unit,
        start: v.start,
        jcc: v.jcc,
        ownConcerns: null,
      });
    }
    const n = s.seen.notice;
    return activityAlertText({
      ...common,
      kind: n.kind,
      unit: null,
      start: n.start,
      jcc: n.jcc,
      ownConcerns: n.concerns.length,
    });
  }
  const r = s.seen;
  return requestAlertText({
    ruleName: a.ruleName,
    kind: r.kind,
    priority: r.priority,
    requesterOrg: r.requesterOrg,
    addressee: r.addressedOrg ?? `JCC ${r.addressedJcc}`,
    respondBy: r.respondBy,
  });
}

/**
 * The fields of an alert that leave the server, from what its reader may see: the record it is
 * about exactly as the record's own presenter gives it to them (the record, its tearline, a
 * notice), and a text built from that alone. `readAt` is the reader's own read mark (a new alert on the stream: null).
 */
export function presentAlert(seen: SeenAlert, readAt: string | null = null) {
  const a = seen.alert;
  return {
    id: a.id,
    recipient_org: a.recipientOrg,
    rule: { id: a.ruleId, name: a.ruleName, kind: a.ruleKind },
    subject: {
      type: seen.subject.type,
      id: a.subjectId,
      view: subjectView(seen.subject),
      record: subjectRecord(seen.subject),
    },
    match: a.match && matchWire(a.match),
    text: textOf(seen),
    created_at: a.createdAt,
    read: readAt !== null,
    read_at: readAt,
  };
}

/** An alert as it leaves the server. */
export type AlertWire = ReturnType<typeof presentAlert>;

export const presentAlertRule = alertRuleWire;
