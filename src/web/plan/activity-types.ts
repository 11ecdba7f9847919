// The shapes of planned activities as the API and the live stream present them: the server's own types,
// imported as types only (nothing of the server is bundled), never retyped here.
import type { ActivityWire, SeenActivityWire } from '../../domain/records/activity.ts';

export { builtInActivityKinds as activityKinds } from '../../domain/activity.ts';

/** An activity the reader may see whole. */
export type ActivityRecord = ActivityWire;
/** What the reader may see of an activity: all of it, or a notice (its tearline, or that they were notified). */
export type SeenActivity = SeenActivityWire;
export type ActivityNotice = Extract<SeenActivityWire, { notice: true }>;
export type ConflictRecord = ActivityWire['conflicts'][number];
export type NotificationRecord = ActivityWire['notifications'][number];

export function isNotice(a: SeenActivity): a is ActivityNotice {
  return a.notice === true;
}

/** The reader's own organisation's notification of an activity, if it was notified. */
export function myNotification(a: SeenActivity, org: string): NotificationRecord | null {
  if (isNotice(a)) return a.notification;
  return a.notifications.find((n) => n.org === org) ?? null;
}

/** Whether the reader's organisation owns the activity. */
export function ownedBy(a: SeenActivity, org: string): a is ActivityRecord {
  return !isNotice(a) && a.owner_orgs.includes(org);
}
