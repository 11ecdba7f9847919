import { activityVisibility, type ConflictSharing, seeActivity } from '../access/activity.ts';
import { accessFacts } from '../access/facts.ts';
import type { AccessFacts, Reader } from '../access/policy.ts';
import type { Activity } from '../domain/activity.ts';
import type { ActivityView, SeenActivity } from '../domain/activity-view.ts';
import { SeamError } from '../domain/errors.ts';
import { type ActivityFilter, conflictKey } from '../store/activities.ts';
import type { ReadRepositories } from '../store/repositories.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { tearlineGridKm } from './incident-reads.ts';
import { type Page, visiblePage } from './paging.ts';

/** Who may see the records these activities' conflicts are with, as they are now, gathered once for one read. */
export async function conflictSharingOf(
  reads: Pick<ReadRepositories, 'activities'>,
  activities: Iterable<Pick<Activity, 'conflicts'>>,
): Promise<ConflictSharing> {
  const refs = [...activities].flatMap((a) => a.conflicts);
  const known = refs.length ? await reads.activities.conflictSharing(refs) : new Map();
  return (c) => {
    const s = known.get(conflictKey(c));
    return (
      s && {
        ownerOrg: s.ownerOrgs[0],
        owners: s.ownerOrgs,
        releasability: s.releasability,
        jcc: s.jcc,
        tearline: s.tearline,
      }
    );
  };
}

/** What seeing a batch of activities needs besides the reader: the access facts, the tearline grid and the conflicts' sharing. */
export interface ActivityReadContext {
  facts: AccessFacts;
  gridKm: number;
  conflictSharing: ConflictSharing;
}

export async function activityReadContext(
  store: Store,
  activities: Iterable<Pick<Activity, 'conflicts'>>,
): Promise<ActivityReadContext> {
  return {
    facts: await accessFacts(store),
    gridKm: await tearlineGridKm(store),
    conflictSharing: await conflictSharingOf(store, activities),
  };
}

/** Whether the reader may see anything of an activity: whole, its tearline, or a notice because it was notified. */
function visibleAtAll(reader: Reader, a: Activity, facts: AccessFacts): boolean {
  const v = activityVisibility(reader, a, facts);
  return (
    v === 'record' || (v === 'tearline' && a.tearline !== null) || a.notifications.some((n) => n.org === reader.org)
  );
}

/** One activity as the actor may see it; one they may not see at all is reported as missing. */
export async function readActivity(store: Store, actor: Actor, id: string): Promise<SeenActivity> {
  const a = await store.activities.find(id);
  if (a) {
    const ctx = await activityReadContext(store, [a]);
    const seen = seeActivity(actor, a, ctx.facts, ctx.gridKm, ctx.conflictSharing);
    if (seen) return seen;
  }
  throw new SeamError('not_found', `no activity ${id}`);
}

/** An activity the actor has just written, as they see it (whole: only its owners and notified organisations write). */
export async function writtenActivityAsSeen(store: Store, actor: Actor, a: Activity): Promise<SeenActivity> {
  const ctx = await activityReadContext(store, [a]);
  const seen = seeActivity(actor, a, ctx.facts, ctx.gridKm, ctx.conflictSharing);
  if (!seen) throw new SeamError('not_found', `no activity ${a.id}`);
  return seen;
}

/** The activities matching the filter that the actor may see (whole or as a notice), in the order they were planned. */
export async function listActivities(
  store: Store,
  actor: Actor,
  filter: ActivityFilter,
  after: string | null,
  limit: number,
): Promise<Page<SeenActivity, string>> {
  const facts = await accessFacts(store);
  const page = await visiblePage(
    (cursor, batch) => store.activities.query(filter, cursor, batch),
    (a) => visibleAtAll(actor, a, facts),
    (a) => a.id,
    after,
    limit,
  );
  const ctx = await activityReadContext(store, page.items);
  const items = page.items
    .map((a) => seeActivity(actor, a, ctx.facts, ctx.gridKm, ctx.conflictSharing))
    .filter((s) => s !== null);
  return { items, next: page.next };
}

/** The most activities one export holds. */
export const maxActivityExport = 10_000;

/**
 * The activities matching the filter that the actor may see whole (a notice is never exported),
 * with their conflicts through their tearlines; the export is audited.
 */
export async function activitiesForExport(
  store: Store,
  actor: Actor,
  filter: ActivityFilter,
  format: string,
): Promise<ActivityView[]> {
  const facts = await accessFacts(store);
  const page = await visiblePage<Activity, string>(
    (cursor, batch) => store.activities.query(filter, cursor, batch),
    (a) => activityVisibility(actor, a, facts) === 'record',
    (a) => a.id,
    null,
    maxActivityExport,
  );
  const ctx = await activityReadContext(store, page.items);
  const views: ActivityView[] = [];
  for (const a of page.items) {
    const seen = seeActivity(actor, a, ctx.facts, ctx.gridKm, ctx.conflictSharing);
    if (seen?.seen === 'record') views.push(seen.activity);
  }
  await store.write(actor.userId, (tx) =>
    tx.audit({
      action: 'activity.export',
      detail: { format, count: views.length, filter, truncated: page.next !== null },
    }),
  );
  return views;
}
