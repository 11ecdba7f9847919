import type { SeenAlert } from '../../access/alert.ts';
import type { AlertMatch } from '../../domain/alert.ts';
import { alertText } from '../../domain/alert-text.ts';
import { alertRuleWire } from '../../domain/records/alert-rule.ts';
import { presentSeen } from './incident.ts';

function matchWire(m: AlertMatch) {
  return m.kind === 'incident_near'
    ? {
        kind: m.kind,
        presence_id: m.presenceId,
        presence_name: m.presenceName,
        presence_kind: m.presenceKind,
        distance_km: m.distanceKm,
        corridor_id: null,
        gap_area_km2: null,
      }
    : {
        kind: m.kind,
        presence_id: null,
        presence_name: null,
        presence_kind: null,
        distance_km: null,
        corridor_id: m.corridorId,
        gap_area_km2: m.gapAreaKm2,
      };
}

/**
 * The fields of an alert that leave the server, from what its reader may see: the record it is
 * about exactly as the record's own presenter gives it to them (the record, or its tearline), and a
 * text built from that alone. `readAt` is the reader's own read mark (a new alert on the stream: null).
 */
export function presentAlert(seen: SeenAlert, readAt: string | null = null) {
  const a = seen.alert;
  const s = seen.subject.seen;
  const text =
    s.seen === 'record'
      ? alertText({
          ruleName: a.ruleName,
          match: a.match,
          incidentType: s.incident.type,
          date: s.incident.time.slice(0, 10),
          area: null,
        })
      : alertText({
          ruleName: a.ruleName,
          match: null,
          incidentType: s.tearline.type,
          date: s.tearline.date,
          area: s.tearline.area,
        });
  return {
    id: a.id,
    recipient_org: a.recipientOrg,
    rule: { id: a.ruleId, name: a.ruleName, kind: a.ruleKind },
    subject: { type: seen.subject.type, id: a.subjectId, view: s.seen, record: presentSeen(s) },
    match: a.match && matchWire(a.match),
    text,
    created_at: a.createdAt,
    read: readAt !== null,
    read_at: readAt,
  };
}

/** An alert as it leaves the server. */
export type AlertWire = ReturnType<typeof presentAlert>;

export const presentAlertRule = alertRuleWire;
