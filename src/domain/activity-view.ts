import type { Activity, ActivityState, Conflict, Notification } from './activity.ts';
import type { Position } from './geojson.ts';

/**
 * A conflict as a reader sees it: whole, when the reader may see the record it is with; otherwise
 * only that there is one, the JCC to contact and the overlap window (the conflict's tearline).
 */
export type ConflictView =
  | ({ hidden: false } & Conflict)
  | { hidden: true; jcc: string | null; overlap: Conflict['overlap'] };

/** A notification as a reader sees it: the organisation is left out where naming it would reveal a hidden record's owner. */
export type NotificationView = Omit<Notification, 'org'> & { org: string | null };

/** An activity as a reader who may see it whole sees it: its conflicts and notifications through their own tearlines. */
export interface ActivityView extends Omit<Activity, 'conflicts' | 'notifications'> {
  conflicts: ConflictView[];
  notifications: NotificationView[];
}

/**
 * What a reader who may not see an activity whole is given: through its tearline (kind, a coarse
 * location, the summary), or because it was notified of it (only when and whom to contact), and
 * the reader's own notification and records concerned.
 */
export interface ActivityNotice {
  id: string;
  state: ActivityState;
  start: string;
  end: string;
  recurrence: { until: string } | null;
  jcc: string | null;
  contact: string | null;
  /** From the tearline only: the kind, the area's centre snapped to the site's grid, the summary and its releasability. */
  kind: string | null;
  location: Position | null;
  summary: string | null;
  tearlineReleasability: string | null;
  /** The reader's own notification, if it was notified. */
  notification: Notification | null;
  /** The reader's own records the activity conflicts with. */
  concerns: Array<{ with: Conflict['with']; recordId: string; overlap: Conflict['overlap'] }>;
  exercise: boolean;
  version: number;
}

/** What a reader gets of one activity: all of it, or a notice. */
export type SeenActivity = { seen: 'record'; activity: ActivityView } | { seen: 'notice'; notice: ActivityNotice };
