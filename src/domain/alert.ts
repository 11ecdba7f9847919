import type { AlertRuleKind } from './alert-rule.ts';
import type { PresenceKind } from './presence.ts';

/**
 * The record types an alert may be about. A trigger for a new record type (a planned activity, a
 * support request) adds its name here and its access function in `access/alert.ts`.
 */
export const alertSubjectTypes = ['incident'] as const;
export type AlertSubjectType = (typeof alertSubjectTypes)[number];

/** Why a rule matched: what of the recipient's own, and how near; or which corridor. */
export type AlertMatch =
  | { kind: 'incident_near'; presenceId: string; presenceName: string; presenceKind: PresenceKind; distanceKm: number }
  | { kind: 'incident_in_corridor'; corridorId: string; gapAreaKm2: number };

/** One alert: a rule of the recipient organisation matched a record. Read marks are kept per user, apart. */
export interface Alert {
  id: string;
  recipientOrg: string;
  ruleId: string;
  ruleName: string;
  ruleKind: AlertRuleKind;
  subjectType: AlertSubjectType;
  subjectId: string;
  match: AlertMatch;
  createdAt: string;
}
