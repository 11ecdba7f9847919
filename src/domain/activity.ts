import { invalid, SeamError } from './errors.ts';
import type { LineString, Point, Polygon } from './geojson.ts';
import type { Releasability } from './releasability.ts';
import type { Tearline } from './tearline.ts';

/** The kinds every site knows; a site adds its own in the setting `activity_kinds_extra`. */
export const builtInActivityKinds = [
  'patrol',
  'operation',
  'movement',
  'checkpoint_setup',
  'exercise',
  'air_isr',
] as const;

export const activityStates = [
  'draft',
  'notified',
  'acknowledged',
  'conflict_raised',
  'under_way',
  'done',
  'cancelled',
] as const;
export type ActivityState = (typeof activityStates)[number];

/** Where an activity takes place: a point with a radius, a route with a buffer, or a polygon. */
export type ActivityArea =
  | { shape: 'point'; geometry: Point; radiusKm: number }
  | { shape: 'route'; geometry: LineString; bufferKm: number }
  | { shape: 'polygon'; geometry: Polygon };

/** What a planned activity overlaps with, as the owner's deconfliction found it. */
export interface Conflict {
  with: 'activity' | 'presence' | 'incident';
  recordId: string;
  /** The conflicting record's owner organisation. */
  ownerOrg: string;
  /** Its kind (activity kind, presence kind, incident type). */
  kind: string;
  /** Its unit or record name, where it has one. */
  name: string | null;
  /** How near it comes to the activity's area, in km (0 where they overlap). */
  distanceKm: number;
  /** When they overlap (within the time margin): the first such window. */
  overlap: { start: string; end: string };
  /** The JCC to contact about it: the one whose area holds it, else the activity's own. */
  jcc: string | null;
}

/** Why an organisation is notified: it owns a conflicting record, or it is a member of the activity's JCC. */
export type NotificationReason = 'conflict' | 'jcc';

/** An organisation's answer to a notification. */
export interface Notification {
  org: string;
  reasons: NotificationReason[];
  status: 'pending' | 'acknowledged' | 'concern';
  by: string | null;
  at: string | null;
  comment: string | null;
  /** When it was escalated to the JCC's liaison, unanswered past the deadline; null while not. */
  escalatedAt: string | null;
}

/** One owner organisation's approval of a joint activity. */
export interface Approval {
  org: string;
  by: string;
  at: string;
}

/** A planned activity: who does what, where and when, and who has been told. */
export interface Activity {
  id: string;
  kind: string;
  /** The owner organisations: the first plans it; two or more make it a joint activity. */
  ownerOrgs: string[];
  unit: string;
  area: ActivityArea;
  place: string | null;
  start: string;
  end: string;
  /** Repeats daily at the same hours until this date (inclusive), or null. */
  recurrence: { until: string } | null;
  contact: string | null;
  jcc: string | null;
  releasability: Releasability;
  tearline: Tearline | null;
  state: ActivityState;
  /** The nearest conflicts, at most `activityLimits.maxStoredConflicts`. */
  conflicts: Conflict[];
  /** How many more conflicts were found than are kept (the farthest are left out). */
  conflictsOmitted: number;
  notifications: Notification[];
  approvals: Approval[];
  /** When the current conflicts were computed (at notification or the last change after it). */
  deconflictedAt: string | null;
  createdBy: string | null;
  exercise: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const activityLimits = {
  /** The longest single occurrence. */
  maxOccurrenceMs: 31 * 86_400_000,
  /** How far past its first start a recurrence may run. */
  maxRecurrenceMs: 90 * 86_400_000,
  maxRadiusKm: 50,
  maxBufferKm: 25,
  /** The widest extent (bounding-box diagonal) of an area. */
  maxExtentKm: 500,
  maxAreaKm2: 20_000,
  maxVertices: 2000,
  maxUnitLength: 200,
  maxContactLength: 200,
  maxCommentLength: 2000,
  maxOwners: 8,
  maxStoredConflicts: 200,
} as const;

const dayMs = 86_400_000;

/** Checks an activity's time window and recurrence: end after start, no occurrence too long, no recurrence too long. */
export function checkActivityWindow(start: string, end: string, recurrence: { until: string } | null): void {
  const s = Date.parse(start);
  const e = Date.parse(end);
  if (!Number.isFinite(s)) throw invalid('start', 'is not a time');
  if (!Number.isFinite(e)) throw invalid('end', 'is not a time');
  if (e <= s) throw invalid('end', 'must be after start');
  if (e - s > activityLimits.maxOccurrenceMs)
    throw invalid('end', `an activity may last at most ${activityLimits.maxOccurrenceMs / dayMs} days`);
  if (recurrence) {
    if (e - s > dayMs) throw invalid('recurrence', 'a daily recurrence needs an occurrence of at most 24 hours');
    const until = Date.parse(recurrence.until);
    if (!Number.isFinite(until)) throw invalid('recurrence.until', 'is not a date');
    // `until` names a day: a recurrence may end on the day it starts.
    if (until + dayMs <= s) throw invalid('recurrence.until', 'must not be before the day of start');
    if (until - s > activityLimits.maxRecurrenceMs)
      throw invalid('recurrence.until', `a recurrence may run at most ${activityLimits.maxRecurrenceMs / dayMs} days`);
  }
}

/** The [start, end) of each occurrence of an activity in epoch ms: one, or one a day until the recurrence ends. */
export function occurrences(a: Pick<Activity, 'start' | 'end' | 'recurrence'>): Array<[number, number]> {
  const s = Date.parse(a.start);
  const e = Date.parse(a.end);
  if (!a.recurrence) return [[s, e]];
  // `until` names a day: occurrences starting on it still count.
  const last = Math.floor(Date.parse(a.recurrence.until) / dayMs) * dayMs + dayMs;
  const out: Array<[number, number]> = [];
  for (let k = 0; s + k * dayMs < last && k <= activityLimits.maxRecurrenceMs / dayMs; k++)
    out.push([s + k * dayMs, e + k * dayMs]);
  return out;
}

/** The first start and the last end of an activity, in epoch ms. */
export function activitySpan(a: Pick<Activity, 'start' | 'end' | 'recurrence'>): [number, number] {
  const o = occurrences(a);
  return [o[0][0], o[o.length - 1][1]];
}

/** What may be done to an activity, and in which states. */
const allowedFrom = {
  update: ['draft', 'notified', 'acknowledged', 'conflict_raised'],
  notify: ['draft'],
  respond: ['notified', 'acknowledged', 'conflict_raised'],
  approve: ['notified', 'acknowledged', 'conflict_raised'],
  start: ['acknowledged'],
  done: ['under_way'],
  cancel: ['draft', 'notified', 'acknowledged', 'conflict_raised', 'under_way'],
} as const satisfies Record<string, readonly ActivityState[]>;

export type ActivityAction = keyof typeof allowedFrom;

/** Throws a 409 naming `state` unless the action may be taken in the activity's state (no step is skipped). */
export function checkStep(state: ActivityState, action: ActivityAction): void {
  const allowed: readonly ActivityState[] = allowedFrom[action];
  if (!allowed.includes(state)) {
    const reason = `cannot ${action} an activity that is ${state} (allowed from: ${allowed.join(', ')})`;
    throw new SeamError('conflict', `state: ${reason}`, [{ field: 'state', reason }]);
  }
}

/**
 * The state a notified activity is in after its answers: a concern raised and not withdrawn makes
 * it `conflict_raised`; every organisation acknowledged and every owner approved makes it
 * `acknowledged`; otherwise it waits, `notified`.
 */
export function settledState(a: Pick<Activity, 'notifications' | 'approvals' | 'ownerOrgs'>): ActivityState {
  if (a.notifications.some((n) => n.status === 'concern')) return 'conflict_raised';
  const approved = isApproved(a);
  return approved && a.notifications.every((n) => n.status === 'acknowledged') ? 'acknowledged' : 'notified';
}

/** Whether every owner of an activity has approved it (a single-owner activity is approved by planning it). */
export function isApproved(a: Pick<Activity, 'approvals' | 'ownerOrgs'>): boolean {
  if (a.ownerOrgs.length < 2) return true;
  return a.ownerOrgs.every((o) => a.approvals.some((p) => p.org === o));
}

/** Throws a 403 naming `owner_orgs` unless the organisation owns the activity. */
export function checkOwner(a: Pick<Activity, 'ownerOrgs' | 'id'>, org: string): void {
  if (!a.ownerOrgs.includes(org)) {
    const reason = `${org} does not own activity ${a.id} (owners: ${a.ownerOrgs.join(', ')})`;
    throw new SeamError('forbidden', `owner_orgs: ${reason}`, [{ field: 'owner_orgs', reason }]);
  }
}

/**
 * The notifications of an activity after (re)deconfliction: every other organisation owning a
 * conflicting activity or presence, and every member of its JCC, besides the owners. Incidents'
 * reporters are not notified. Every answer starts afresh: the plan changed since they answered.
 */
export function notificationsFor(
  owners: readonly string[],
  conflicts: readonly Conflict[],
  jccMembers: readonly string[],
): Notification[] {
  const reasons = new Map<string, Set<NotificationReason>>();
  const add = (org: string, reason: NotificationReason) => {
    if (owners.includes(org)) return;
    let set = reasons.get(org);
    if (!set) {
      set = new Set();
      reasons.set(org, set);
    }
    set.add(reason);
  };
  for (const c of conflicts) if (c.with !== 'incident') add(c.ownerOrg, 'conflict');
  for (const org of jccMembers) add(org, 'jcc');
  return [...reasons.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([org, r]) => ({
      org,
      reasons: [...r].sort(),
      status: 'pending',
      by: null,
      at: null,
      comment: null,
      escalatedAt: null,
    }));
}

/**
 * The notifications due for escalation at `now`: still pending, not yet escalated, and the
 * deadline (`deadlineMs` before the activity's start) passed.
 */
export function dueForEscalation(
  a: Pick<Activity, 'notifications' | 'start' | 'state'>,
  now: number,
  deadlineMs: number,
): string[] {
  if (a.state !== 'notified' && a.state !== 'conflict_raised') return [];
  if (now < Date.parse(a.start) - deadlineMs) return [];
  return a.notifications.filter((n) => n.status === 'pending' && n.escalatedAt === null).map((n) => n.org);
}
