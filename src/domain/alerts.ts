/**
 * Alert evaluation: which rules a committed record matches. Pure: the rules come prepared (their
 * geometry indexed, `geo/alert-areas.ts`), the record as the change log keeps it. A new trigger is
 * one function from a record to its matches, registered below under the record type it watches.
 */
import type { AlertMatch, AlertSubjectType } from './alert.ts';
import type { AlertRule } from './alert-rule.ts';
import type { Incident } from './incident.ts';
import type { PresenceKind } from './presence.ts';
import { incidentFromSnapshot } from './records/incident.ts';

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

/** The rules' prepared geometry, answering point queries through an index. */
export interface AlertAreas {
  /** Each incident_near rule matching a point at a time, with the nearest of its presence. */
  near(lon: number, lat: number, time: string): NearHit[];
  /** Each incident_in_corridor rule whose organisation's corridors hold the point. */
  inCorridor(lon: number, lat: number): CorridorHit[];
}

/** The enabled rules of the site and their geometry, prepared once for many records. */
export interface PreparedRules {
  rules: ReadonlyMap<string, AlertRule>;
  areas: AlertAreas;
}

/** An alert a record calls for, before the engine checks that its recipient may see the record. */
export interface AlertCandidate {
  rule: AlertRule;
  subjectType: AlertSubjectType;
  subjectId: string;
  match: AlertMatch;
}

/** A trigger: the change-log operations it reacts to and the alerts one record calls for. */
export interface AlertTrigger {
  ops: ReadonlyArray<'create' | 'update'>;
  evaluate(loggedRecord: unknown, prepared: PreparedRules): AlertCandidate[];
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
      out.push({ rule, subjectType: 'incident', subjectId: incident.id, match });
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
  return out;
}

/**
 * The triggers, by the record type whose committed changes they watch. An incident is evaluated
 * when created and when changed (a corrected location may bring it near); a rule alerts once per record.
 */
export const alertTriggers: Readonly<Record<string, AlertTrigger>> = {
  incident: {
    ops: ['create', 'update'],
    evaluate: (data, prepared) => incidentAlerts(incidentFromSnapshot(data), prepared),
  },
};

/** The trigger watching a record type's changes of this operation, if any. */
export function triggerFor(recordType: string, op: string): AlertTrigger | null {
  const t = Object.hasOwn(alertTriggers, recordType) ? alertTriggers[recordType] : undefined;
  return t && (t.ops as readonly string[]).includes(op) ? t : null;
}
