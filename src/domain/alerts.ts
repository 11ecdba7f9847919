/**
 * Alert evaluation: which rules a committed record matches. Pure: the rules come prepared (their
 * geometry indexed, `geo/alert-areas.ts`), the record as the change log keeps it. A new trigger is
 * one function from a record to its matches, registered below under the record type it watches.
 */
import type { Activity } from './activity.ts';
import type { AlertMatch, AlertSubjectType } from './alert.ts';
import type { AlertRule, AlertRuleKind } from './alert-rule.ts';
import type { Incident } from './incident.ts';
import type { PresenceKind } from './presence.ts';
import { activityRecord } from './records/activity.ts';
import { incidentFromSnapshot } from './records/incident.ts';
import { supportRequestRecord } from './records/support-request.ts';
import { isEscalationChange, type SupportRequest } from './support-request.ts';
import { addresseeOrgs } from './support-request-steps.ts';

/** A rule of kind incident_near whose organisation's presence lies within its radius of a point. */
export interface NearHit {
  ruleId: string;
  presenceId: string;
  presenceName: string;
  presenceKind: PresenceKind;
  distanceKm: number;
}

/** A rule of kind incident_in_corridor whose organisation's current corridors hold a point. */
export interface CorridorHit {
  ruleId: string;
  corridorId: string;
  gapAreaKm2: number;
}

/** A rule of kind incident_near_activity whose organisation's planned activity lies within its radius of a point, then. */
export interface ActivityHit {
  ruleId: string;
  activityId: string;
  activityKind: string;
  activityUnit: string;
  distanceKm: number;
}

/** The rules' prepared geometry, answering point queries through an index. */
export interface AlertAreas {
  /** Each incident_near rule matching a point at a time, with the nearest of its presence. */
  near(lon: number, lat: number, time: string): NearHit[];
  /** Each incident_in_corridor rule whose organisation's corridors hold the point. */
  inCorridor(lon: number, lat: number): CorridorHit[];
  /** Each incident_near_activity rule with the nearest of its organisation's open activities running then (± the margin). */
  nearActivity(lon: number, lat: number, time: string): ActivityHit[];
}

/** The enabled rules of the site and their geometry, prepared once for many records. */
export interface PreparedRules {
  rules: ReadonlyMap<string, AlertRule>;
  areas: AlertAreas;
  /** The member organisations of each JCC, by code. */
  jccMembers: ReadonlyMap<string, ReadonlySet<string>>;
}

/** One committed change as a trigger sees it: its time, the record after it and, where the trigger asks, the record before. */
export interface TriggerChange {
  /** The change's sequence number in the log. */
  seq: number;
  at: string;
  data: unknown;
  /** The record as its previous change left it (null: none, or not asked for). */
  previous: unknown | null;
}

/** An alert a record calls for, before the engine checks that its recipient may see the record. */
export interface AlertCandidate {
  rule: AlertRule;
  subjectType: AlertSubjectType;
  subjectId: string;
  /** See `Alert.occurrence`: a rule alerts once per record and occurrence. */
  occurrence: string;
  match: AlertMatch;
}

/** A trigger: the change-log operations it reacts to and the alerts one record calls for. */
export interface AlertTrigger {
  ops: ReadonlyArray<'create' | 'update'>;
  /** Whether the trigger compares the record with its previous version (which the engine then looks up). */
  needsPrevious: boolean;
  evaluate(change: TriggerChange, prepared: PreparedRules): AlertCandidate[];
}

/** The enabled rules of one kind of one organisation. */
export function rulesOf(prepared: Pick<PreparedRules, 'rules'>, org: string, kind: AlertRuleKind): AlertRule[] {
  const out: AlertRule[] = [];
  for (const r of prepared.rules.values()) if (r.enabled && r.org === org && r.kind === kind) out.push(r);
  return out;
}

function addressed(
  prepared: Pick<PreparedRules, 'rules'>,
  orgs: Iterable<string>,
  kind: AlertRuleKind,
  subjectType: AlertSubjectType,
  subjectId: string,
  occurrence: string,
  match: AlertMatch,
): AlertCandidate[] {
  return [...new Set(orgs)].flatMap((org) =>
    rulesOf(prepared, org, kind).map((rule) => ({ rule, subjectType, subjectId, occurrence, match })),
  );
}

function typeMatches(rule: AlertRule, incident: Incident): boolean {
  return rule.incidentTypes.length === 0 || rule.incidentTypes.includes(incident.type);
}

/** The alerts an incident calls for: rules near whose organisation's presence it lies, or in whose corridors. */
export function incidentAlerts(incident: Incident, prepared: PreparedRules): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  const add = (ruleId: string, match: AlertMatch) => {
    const rule = prepared.rules.get(ruleId);
    if (rule?.enabled && rule.kind === match.kind && typeMatches(rule, incident))
      out.push({ rule, subjectType: 'incident', subjectId: incident.id, occurrence: '', match });
  };
  for (const h of prepared.areas.near(incident.lon, incident.lat, incident.time)) {
    add(h.ruleId, {
      kind: 'incident_near',
      presenceId: h.presenceId,
      presenceName: h.presenceName,
      presenceKind: h.presenceKind,
      distanceKm: h.distanceKm,
    });
  }
  for (const h of prepared.areas.inCorridor(incident.lon, incident.lat)) {
    add(h.ruleId, { kind: 'incident_in_corridor', corridorId: h.corridorId, gapAreaKm2: h.gapAreaKm2 });
  }
  for (const h of prepared.areas.nearActivity(incident.lon, incident.lat, incident.time)) {
    add(h.ruleId, {
      kind: 'incident_near_activity',
      activityId: h.activityId,
      activityKind: h.activityKind,
      activityUnit: h.activityUnit,
      distanceKm: h.distanceKm,
    });
  }
  return out;
}

const conflictKeyOf = (c: Activity['conflicts'][number]) => `${c.with}:${c.recordId}`;

/**
 * The alerts a change of a planned activity calls for, comparing it with its previous version:
 * deconfliction (at this change) found conflicts it did not have before — every notified
 * organisation's `activity_conflict` rules; a notified organisation answered at this change — the
 * owners' `activity_answer` rules; notifications were escalated — the `activity_escalated` rules of
 * the members of its JCC. What each recipient then sees is decided by `seeActivity`.
 */
export function activityAlerts(
  after: Activity,
  before: Activity | null,
  change: Pick<TriggerChange, 'at' | 'seq'>,
  prepared: PreparedRules,
): AlertCandidate[] {
  const { at, seq } = change;
  const out: AlertCandidate[] = [];
  if (after.deconflictedAt === at) {
    const known = new Set((before?.conflicts ?? []).map(conflictKeyOf));
    const fresh = after.conflicts.filter((c) => !known.has(conflictKeyOf(c))).length;
    if (fresh > 0)
      out.push(
        ...addressed(
          prepared,
          after.notifications.map((n) => n.org),
          'activity_conflict',
          'activity',
          after.id,
          `conflict@${seq}`,
          { kind: 'activity_conflict', newConflicts: fresh },
        ),
      );
  }
  const answer = after.notifications.find((n) => n.status !== 'pending' && n.at === at);
  if (answer && answer.status !== 'pending')
    out.push(
      ...addressed(prepared, after.ownerOrgs, 'activity_answer', 'activity', after.id, `answer@${seq}`, {
        kind: 'activity_answer',
        org: answer.org,
        status: answer.status,
      }),
    );
  const wasEscalated = new Set((before?.notifications ?? []).filter((n) => n.escalatedAt !== null).map((n) => n.org));
  const escalated = after.notifications.filter((n) => n.escalatedAt !== null && !wasEscalated.has(n.org));
  if (escalated.length > 0 && after.jcc !== null)
    out.push(
      ...addressed(
        prepared,
        prepared.jccMembers.get(after.jcc) ?? [],
        'activity_escalated',
        'activity',
        after.id,
        `escalated@${seq}`,
        {
          kind: 'activity_escalated',
          orgs: escalated.map((n) => n.org),
          others: 0,
        },
      ),
    );
  return out;
}

/** The alerts a change of a support request calls for: its escalation, overdue, reaches the requester and the addressee. */
export function supportRequestAlerts(after: SupportRequest, at: string, prepared: PreparedRules): AlertCandidate[] {
  if (!isEscalationChange(after, at)) return [];
  const members = after.addressedJcc === null ? new Set<string>() : prepared.jccMembers.get(after.addressedJcc);
  const recipients = [after.requesterOrg, ...addresseeOrgs(after, members ?? new Set())];
  return addressed(prepared, recipients, 'request_overdue', 'support_request', after.id, '', {
    kind: 'request_overdue',
    priority: after.priority,
    respondBy: after.respondBy,
  });
}

/**
 * The triggers, by the record type whose committed changes they watch. An incident is evaluated
 * when created and when changed (a corrected location may bring it near); an activity when changed
 * (notified, answered, escalated); a support request when changed (escalated). A rule alerts once per record
 * and occurrence: once for an incident or an overdue request, once per change for an activity's conflicts, answers and escalations.
 */
export const alertTriggers: Readonly<Record<string, AlertTrigger>> = {
  incident: {
    ops: ['create', 'update'],
    needsPrevious: false,
    evaluate: (c, prepared) => incidentAlerts(incidentFromSnapshot(c.data), prepared),
  },
  activity: {
    ops: ['update'],
    needsPrevious: true,
    evaluate: (c, prepared) =>
      activityAlerts(
        activityRecord.fromLog(c.data),
        c.previous === null ? null : activityRecord.fromLog(c.previous),
        c,
        prepared,
      ),
  },
  support_request: {
    ops: ['update'],
    needsPrevious: false,
    evaluate: (c, prepared) => supportRequestAlerts(supportRequestRecord.fromLog(c.data), c.at, prepared),
  },
};

/** The trigger watching a record type's changes of this operation, if any. */
export function triggerFor(recordType: string, op: string): AlertTrigger | null {
  const t = Object.hasOwn(alertTriggers, recordType) ? alertTriggers[recordType] : undefined;
  return t && (t.ops as readonly string[]).includes(op) ? t : null;
}
