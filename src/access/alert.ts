import type { Alert, AlertMatch, AlertSubjectType } from '../domain/alert.ts';
import type { AlertRule } from '../domain/alert-rule.ts';
import type { Incident } from '../domain/incident.ts';
import { type ReferencedIncidents, type SeenIncident, seeIncident } from './incident.ts';
import { type AccessFacts, type Reader, visibility } from './policy.ts';

/** The current records alerts are about, by type, gathered before the policy decides; undefined for none. */
export interface AlertSubjects {
  incident(id: string): Incident | undefined;
}

/** What deciding on an alert needs besides the reader: the facts, the tearline grid and the alerts' records. */
export interface AlertReadContext {
  facts: AccessFacts;
  gridKm: number;
  referenced: ReferencedIncidents;
  subjects: AlertSubjects;
}

/** What a reader sees of the record an alert is about: its own view of it, through that record type's access function. */
export type SeenAlertSubject = { type: 'incident'; seen: SeenIncident };

/**
 * What a reader gets of an alert: the alert, and what it may see of its record. Where that is a
 * tearline, the match (which of the recipient's own presence, how near) is withheld too: it would
 * place the record more precisely than the tearline does.
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
} satisfies { [K in AlertSubjectType]: (reader: Reader, id: string, c: AlertReadContext) => SeenAlertSubject | null };

/** What a reader may see of the record an alert names (the record, its tearline), or null: the one check alerts and the alert engine share. */
export function seeAlertSubject(
  reader: Reader,
  subjectType: AlertSubjectType,
  subjectId: string,
  context: AlertReadContext,
): SeenAlertSubject | null {
  return subjectAccess[subjectType](reader, subjectId, context);
}

/**
 * What a reader may see of one alert: nothing unless the reader belongs to the organisation the
 * alert is addressed to and may see the record it is about (whole or as a tearline, as
 * `seeIncident` gives it), judged on the record as it is now.
 */
export function seeAlert(reader: Reader, alert: Alert, context: AlertReadContext): SeenAlert | null {
  if (reader.org !== alert.recipientOrg) return null;
  const subject = seeAlertSubject(reader, alert.subjectType, alert.subjectId, context);
  if (!subject) return null;
  const whole = subject.seen.seen === 'record';
  return { alert: whole ? alert : { ...alert, match: null }, subject };
}

/** An alert rule is its organisation's configuration: its members see it, nobody else. */
export function seeAlertRule(reader: Reader, rule: AlertRule, facts: AccessFacts): AlertRule | null {
  return visibility(reader, { ownerOrg: rule.org, releasability: { scope: 'org' }, jcc: null }, facts) === 'record'
    ? rule
    : null;
}
