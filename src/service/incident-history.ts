import { accessFacts } from '../access/facts.ts';
import { seeWholeIncident, withVisibleReferences } from '../access/incident.ts';
import { SeamError } from '../domain/errors.ts';
import { fieldChanges, type HistoryEntry } from '../domain/history-entry.ts';
import type { Incident } from '../domain/incident.ts';
import { incidentFromSnapshot } from '../store/incident-snapshot.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';
import { historyAuthors } from './history-authors.ts';
import { referencedIncidents } from './incident-reads.ts';

export type { HistoryEntry } from '../domain/history-entry.ts';

/**
 * Every version of an incident — who, when, which fields, old and new values — read from the
 * change log, in the form `present` gives. Only for users who may see the whole record: a tearline
 * never comes with history.
 */
export async function incidentHistory<W extends Record<string, unknown>>(
  store: Store,
  actor: Actor,
  id: string,
  present: (i: Incident) => W,
): Promise<HistoryEntry[]> {
  const current = await store.incidents.find(id);
  const facts = await accessFacts(store);
  if (!current || !seeWholeIncident(actor, current, facts, await referencedIncidents(store, [current]))) {
    throw new SeamError('not_found', `no incident ${id}`);
  }
  // Gathered first: every version, the incidents they refer to and the names of who wrote them.
  const entries = await store.changeLog.ofRecord('incident', id);
  const snapshots = entries.map((entry) => (entry.data === null ? null : incidentFromSnapshot(entry.data)));
  const referenced = await referencedIncidents(
    store,
    snapshots.filter((s) => s !== null),
  );
  const nameOf = await historyAuthors(store, entries);
  let previous: W | null = null;
  return entries.map((entry, n) => {
    const snapshot = snapshots[n];
    const wire = snapshot === null ? null : present(withVisibleReferences(actor, snapshot, facts, referenced));
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
