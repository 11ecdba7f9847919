import type { Activity } from '../domain/activity.ts';
import type { SeenActivity } from '../domain/activity-view.ts';
import type { Alert, AlertMatch, AlertSubjectType } from '../domain/alert.ts';
import type { AlertRule } from '../domain/alert-rule.ts';
import type { Incident } from '../domain/incident.ts';
import type { SupportRequest } from '../domain/support-request.ts';
import { type ConflictSharing, seeActivity } from './activity.ts';
import { type ReferencedIncidents, type SeenIncident, seeIncident } from './incident.ts';
import { type AccessFacts, type Reader, visibility } from './policy.ts';
import { seeSupportRequest } from './support-request.ts';

/** The current records alerts are about, by type, gathered before the policy decides; undefined for none. */
export interface AlertSubjects {
  incident(id: string): Incident | undefined;
  activity(id: string): Activity | undefined;
  supportRequest(id: string): SupportRequest | undefined;
}

/**
 * What deciding on an alert needs besides the reader: the facts, the tearline grid, the incidents
 * referenced (and linked from requests), who may see the records activities conflict with, and the alerts' records.
 */
export interface AlertReadContext {
  facts: AccessFacts;
  gridKm: number;
  referenced: ReferencedIncidents;
  conflictSharing: ConflictSharing;
  subjects: AlertSubjects;
}

/** What a reader sees of the record an alert is about: its own view of it, through that record type's access function. */
export type SeenAlertSubject =
  | { type: 'incident'; seen: SeenIncident }
  | { type: 'activity'; seen: SeenActivity }
  | { type: 'support_request'; seen: SupportRequest };

/**
 * What a reader gets of an alert: the alert, and what it may see of its record. Where that is a
 * tearline or a notice, the match is withheld too (for an incident it would place the record more
 * precisely than the tearline does; for an activity it counts conflicts the notice does not show).
 */
export interface SeenAlert {
  alert: Omit<Alert, 'match'> & { match: AlertMatch | null };
  subject: SeenAlertSubject;
}

/** How a reader may see the record of each subject type. Complete over the subject types: a new one fails to compile until it is here. */
const subjectAccess = {
  incident: (reader, id, c) => {
    const incident = c.subjects.incident(id);
    const seen = incident && seeIncident(reader, incident, c.facts, c.gridKm, c.referenced);
    return seen ? { type: 'incident', seen } : null;
  },
  activity: (reader, id, c) => {
    const activity = c.subjects.activity(id);
    const seen = activity && seeActivity(reader, activity, c.facts, c.gridKm, c.conflictSharing);
    return seen ? { type: 'activity', seen } : null;
  },
  support_request: (reader, id, c) => {
    const request = c.subjects.supportRequest(id);
    const seen = request && seeSupportRequest(reader, request, c.facts, c.referenced);
    return seen ? { type: 'support_request', seen } : null;
  },
} satisfies { [K in AlertSubjectType]: (reader: Reader, id: string, c: AlertReadContext) => SeenAlertSubject | null };

/** What a reader may see of the record an alert names (the record, its tearline, a notice), or null: the one check alerts and the alert engine share. */
export function seeAlertSubject(
  reader: Reader,
  subjectType: AlertSubjectType,
  subjectId: string,
  context: AlertReadContext,
): SeenAlertSubject | null {
  return subjectAccess[subjectType](reader, subjectId, context);
}

/**
 * The match as the reader may see it, from what it sees of the record: whole only with the record
 * whole; the organisations an activity's match names only where the reader's view of the activity
 * names them (an organisation notified only for a conflict hidden from the reader stays unnamed).
 */
function seenMatch(match: AlertMatch, subject: SeenAlertSubject): AlertMatch | null {
  if (subject.type === 'incident') return subject.seen.seen === 'record' ? match : null;
  if (subject.type === 'support_request') return match;
  if (subject.seen.seen !== 'record') return null;
  const named = new Set(subject.seen.activity.notifications.flatMap((n) => (n.org === null ? [] : [n.org])));
  if (match.kind === 'activity_answer')
    return match.org !== null && named.has(match.org) ? match : { ...match, org: null };
  if (match.kind === 'activity_escalated') {
    const orgs = match.orgs.filter((o) => named.has(o));
    return { ...match, orgs, others: match.others + match.orgs.length - orgs.length };
  }
  return match;
}

/**
 * What a reader may see of one alert: nothing unless the reader belongs to the organisation the
 * alert is addressed to and may see the record it is about (as `seeIncident`, `seeActivity` or
 * `seeSupportRequest` gives it), judged on the record as it is now.
 */
export function seeAlert(reader: Reader, alert: Alert, context: AlertReadContext): SeenAlert | null {
  if (reader.org !== alert.recipientOrg) return null;
  const subject = seeAlertSubject(reader, alert.subjectType, alert.subjectId, context);
  if (!subject) return null;
  return { alert: { ...alert, match: seenMatch(alert.match, subject) }, subject };
}

/** An alert rule is its organisation's configuration: its members see it, nobody else. */
export function seeAlertRule(reader: Reader, rule: AlertRule, facts: AccessFacts): AlertRule | null {
  return visibility(reader, { ownerOrg: rule.org, releasability: { scope: 'org' }, jcc: null }, facts) === 'record'
    ? rule
    : null;
}
