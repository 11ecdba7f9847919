import type { AlertRuleKind } from './alert-rule.ts';
import type { PresenceKind } from './presence.ts';
import type { SupportRequestPriority } from './support-request.ts';

/**
 * The record types an alert may be about. A trigger for a new record type adds its name here and
 * its access function in `access/alert.ts`.
 */
export const alertSubjectTypes = ['incident', 'activity', 'support_request'] as const;
export type AlertSubjectType = (typeof alertSubjectTypes)[number];

/**
 * Why a rule matched: what of the recipient's own, and how near; which corridor; what changed in a
 * planned activity or a support request. Shown to a reader only as far as it may see the record.
 */
export type AlertMatch =
  | { kind: 'incident_near'; presenceId: string; presenceName: string; presenceKind: PresenceKind; distanceKm: number }
  | { kind: 'incident_in_corridor'; corridorId: string; gapAreaKm2: number }
  | {
      kind: 'incident_near_activity';
      activityId: string;
      activityKind: string;
      activityUnit: string;
      distanceKm: number;
    }
  /** Deconfliction found conflicts the activity did not have before (how many). */
  | { kind: 'activity_conflict'; newConflicts: number }
  /** A notified organisation answered; null where naming it would reveal a hidden record's owner. */
  | { kind: 'activity_answer'; org: string | null; status: 'acknowledged' | 'concern' }
  /** Notifications left unanswered past the deadline were escalated to the JCC's liaison (the organisations the reader may know of, and how many others). */
  | { kind: 'activity_escalated'; orgs: string[]; others: number }
  /** A support request was escalated unanswered past its response deadline. */
  | { kind: 'request_overdue'; priority: SupportRequestPriority; respondBy: string };

/** One alert: a rule of the recipient organisation matched a record. Read marks are kept per user, apart. */
export interface Alert {
  id: string;
  recipientOrg: string;
  ruleId: string;
  ruleName: string;
  ruleKind: AlertRuleKind;
  subjectType: AlertSubjectType;
  subjectId: string;
  /**
   * Which occurrence on the record this alert is of: empty where a rule alerts once per record (an
   * incident near, an overdue request); the kind and the change's sequence number where each change
   * may call for one (a new conflict, an answer, an escalation).
   */
  occurrence: string;
  match: AlertMatch;
  createdAt: string;
}
