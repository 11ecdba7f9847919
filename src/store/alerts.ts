import type { Alert, AlertSubjectType } from '../domain/alert.ts';
import type { AlertRule } from '../domain/alert-rule.ts';

/** An alert with the time one user marked it read (null: unread). */
export interface AlertRow {
  alert: Alert;
  readAt: string | null;
}

/** Where a page of one user's alerts (unread first, newest first) resumes. */
export interface AlertCursor {
  read: boolean;
  id: string;
}

export interface AlertReads {
  find(id: string): Promise<Alert | null>;
  /** When this user marked this alert read, or null. */
  readAt(alertId: string, userId: string): Promise<string | null>;
  /**
   * The alerts addressed to an organisation with this user's read marks: unread first, newest
   * first within each, after the cursor; only unread ones when `unreadOnly`.
   */
  listFor(
    org: string,
    userId: string,
    unreadOnly: boolean,
    after: AlertCursor | null,
    limit: number,
  ): Promise<AlertRow[]>;
  /** Whether a rule already alerted about this record (a rule alerts once per record). */
  exists(ruleId: string, subjectType: AlertSubjectType, subjectId: string, occurrence: string): Promise<boolean>;
  /** The last change-log sequence number the alert engine has evaluated. */
  engineCursor(): Promise<number>;
}

export interface AlertWrites {
  /** Writes an alert with its change-log and audit entries. */
  insert(a: Alert): Promise<void>;
  /** Moves the engine's cursor: written in the transaction that writes the alerts of the changes up to it. */
  setEngineCursor(seq: number): Promise<void>;
  /** A user's read marks: not a change to the alerts. Returns how many were new. */
  markRead(userId: string, alertIds: readonly string[], at: string): Promise<number>;
}

export interface AlertRuleReads {
  find(id: string): Promise<AlertRule | null>;
  /** An organisation's rules, or every organisation's (null), in id order. */
  list(org: string | null): Promise<AlertRule[]>;
  count(org: string): Promise<number>;
}

export interface AlertRuleWrites {
  insert(r: AlertRule): Promise<void>;
  update(r: AlertRule): Promise<void>;
  remove(r: AlertRule): Promise<void>;
}
