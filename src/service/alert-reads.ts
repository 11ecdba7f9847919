import { type AlertReadContext, type AlertSubjects, type SeenAlert, seeAlert } from '../access/alert.ts';
import { accessFacts } from '../access/facts.ts';
import type { Activity } from '../domain/activity.ts';
import type { Alert } from '../domain/alert.ts';
import { SeamError } from '../domain/errors.ts';
import type { Incident } from '../domain/incident.ts';
import type { SupportRequest } from '../domain/support-request.ts';
import type { AlertCursor } from '../store/alerts.ts';
import type { ReadRepositories } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import { conflictSharingOf } from './activity-reads.ts';
import type { Actor } from './actor.ts';
import { referencedIncidents, tearlineGridKm } from './incident-reads.ts';
import { type Page, visiblePage } from './paging.ts';
import { linkedIncidents } from './support-request-reads.ts';

/** The records these alerts are about, as they are now, read once for the life of one read. */
export async function alertSubjects(
  reads: Pick<ReadRepositories, 'incidents' | 'activities' | 'supportRequests'>,
  alerts: Iterable<Pick<Alert, 'subjectType' | 'subjectId'>>,
): Promise<{ subjects: AlertSubjects; incidents: Incident[]; activities: Activity[]; requests: SupportRequest[] }> {
  const incidents = new Map<string, Incident | null>();
  const activities = new Map<string, Activity | null>();
  const requests = new Map<string, SupportRequest | null>();
  for (const a of alerts) {
    if (a.subjectType === 'incident' && !incidents.has(a.subjectId))
      incidents.set(a.subjectId, await reads.incidents.find(a.subjectId));
    if (a.subjectType === 'activity' && !activities.has(a.subjectId))
      activities.set(a.subjectId, await reads.activities.find(a.subjectId));
    if (a.subjectType === 'support_request' && !requests.has(a.subjectId))
      requests.set(a.subjectId, await reads.supportRequests.find(a.subjectId));
  }
  const found = <T>(m: Map<string, T | null>) => [...m.values()].filter((v) => v !== null) as T[];
  return {
    subjects: {
      incident: (id) => incidents.get(id) ?? undefined,
      activity: (id) => activities.get(id) ?? undefined,
      supportRequest: (id) => requests.get(id) ?? undefined,
    },
    incidents: found(incidents),
    activities: found(activities),
    requests: found(requests),
  };
}

/** What deciding who may see these alerts needs, gathered once. */
export async function alertReadContext(
  store: Store,
  alerts: Iterable<Pick<Alert, 'subjectType' | 'subjectId'>>,
): Promise<AlertReadContext> {
  const { subjects, incidents, activities, requests } = await alertSubjects(store, alerts);
  const referenced = await referencedIncidents(store, incidents);
  const linked = await linkedIncidents(store, requests);
  return {
    facts: await accessFacts(store),
    gridKm: await tearlineGridKm(store),
    referenced: (id) => referenced(id) ?? linked(id),
    conflictSharing: await conflictSharingOf(store, activities),
    subjects,
  };
}

/** An alert as its reader sees it, with the reader's own read mark. */
export interface ReadAlert {
  seen: SeenAlert;
  readAt: string | null;
}

export const maxAlertPage = 200;

/**
 * The actor's alerts: those of their organisation about records they may see, unread first and
 * newest first; only unread ones when asked. Hidden ones never shorten a page.
 */
export async function listAlerts(
  store: Store,
  actor: Actor,
  q: { unreadOnly: boolean; after: AlertCursor | null; limit: number },
): Promise<Page<ReadAlert, AlertCursor>> {
  const page = await visiblePage<{ row: ReadAlert | null; cursor: AlertCursor }, AlertCursor>(
    async (after, batch) => {
      const rows = await store.alerts.listFor(actor.org, actor.userId, q.unreadOnly, after, batch);
      const context = await alertReadContext(
        store,
        rows.map((r) => r.alert),
      );
      return rows.map((r) => {
        const seen = seeAlert(actor, r.alert, context);
        return { row: seen && { seen, readAt: r.readAt }, cursor: { read: r.readAt !== null, id: r.alert.id } };
      });
    },
    (r) => r.row !== null,
    (r) => r.cursor,
    q.after,
    q.limit,
  );
  return { items: page.items.map((r) => r.row as ReadAlert), next: page.next };
}

/** One alert as the actor may see it; one they may not see is reported as missing. */
export async function readAlert(store: Store, actor: Actor, id: string): Promise<ReadAlert> {
  const alert = await store.alerts.find(id);
  const seen = alert && seeAlert(actor, alert, await alertReadContext(store, [alert]));
  if (!seen) throw new SeamError('not_found', `no alert ${id}`);
  return { seen, readAt: await store.alerts.readAt(id, actor.userId) };
}

/** The most unread alerts counted, or marked read by one request: a count beyond it says only "at least". */
export const maxAlertsCounted = 10_000;

/** How many alerts the actor may see and has not read, up to `maxAlertsCounted` (`capped` when there are more). */
export async function countUnreadAlerts(store: Store, actor: Actor): Promise<{ unread: number; capped: boolean }> {
  let n = 0;
  let after: AlertCursor | null = null;
  for (;;) {
    const page = await listAlerts(store, actor, { unreadOnly: true, after, limit: maxAlertPage });
    n += page.items.length;
    if (!page.next) return { unread: n, capped: false };
    if (n >= maxAlertsCounted) return { unread: n, capped: true };
    after = page.next;
  }
}

function requireWriter(actor: Actor): void {
  if (actor.scope !== 'write') throw new SeamError('forbidden', 'this API token is read-only');
}

/** Marks one alert the actor may see as read by them (again is harmless); returns it as they now see it. */
export async function markAlertRead(store: Store, actor: Actor, id: string): Promise<ReadAlert> {
  requireWriter(actor);
  await readAlert(store, actor, id);
  await store.write(actor.userId, async (tx) => {
    await tx.alerts.markRead(actor.userId, [id], tx.at);
  });
  return readAlert(store, actor, id);
}

/** Marks every alert the actor may see and has not read as read by them (up to `maxAlertsCounted` a call); returns how many. */
export async function markAllAlertsRead(store: Store, actor: Actor): Promise<number> {
  requireWriter(actor);
  const ids: string[] = [];
  let after: AlertCursor | null = null;
  for (;;) {
    const page = await listAlerts(store, actor, { unreadOnly: true, after, limit: maxAlertPage });
    ids.push(...page.items.map((r) => r.seen.alert.id));
    if (!page.next || ids.length >= maxAlertsCounted) break;
    after = page.next;
  }
  if (ids.length === 0) return 0;
  return store.write(actor.userId, (tx) => tx.alerts.markRead(actor.userId, ids, tx.at));
}
