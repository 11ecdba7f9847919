import { activityVisibility, seeActivity } from '../access/activity.ts';
import type { Activity } from '../domain/activity.ts';
import { SeamError } from '../domain/errors.ts';
import { fieldChanges, type HistoryEntry } from '../domain/history-entry.ts';
import { activityWire } from '../domain/records/activity.ts';
import type { Store } from '../store/store.ts';
import { activityReadContext } from './activity-reads.ts';
import type { Actor } from './actor.ts';
import { historyAuthors } from './history-authors.ts';

/**
 * Every version of an activity — who, when, which fields, old and new values — from the change
 * log. Only for readers who may see it whole now (a notice comes with no history); each version is
 * seen through the same access function as the record (its conflicts through their tearlines), and
 * a version the reader could not have seen whole lists no fields.
 */
export async function activityHistory(store: Store, actor: Actor, id: string): Promise<HistoryEntry[]> {
  const current = await store.activities.find(id);
  const ctx = await activityReadContext(store, []);
  if (!current || activityVisibility(actor, current, ctx.facts) !== 'record')
    throw new SeamError('not_found', `no activity ${id}`);
  const entries = await store.changeLog.ofRecord('activity', id);
  const snapshots = entries.map((e) => e.data as Activity | null);
  const { facts, gridKm, conflictSharing } = await activityReadContext(
    store,
    snapshots.filter((s) => s !== null),
  );
  const nameOf = await historyAuthors(store, entries);
  let previous: Record<string, unknown> | null = null;
  return entries.map((entry, n) => {
    const snapshot = snapshots[n];
    const seen = snapshot && seeActivity(actor, snapshot, facts, gridKm, conflictSharing);
    const wire: Record<string, unknown> | null = seen?.seen === 'record' ? activityWire(seen.activity) : null;
    const changes = fieldChanges(previous, wire);
    previous = wire;
    return {
      version: snapshot?.version ?? 0,
      at: entry.at,
      by: nameOf(entry.actor),
      op: entry.op,
      changes,
    };
  });
}
