import { accessFacts } from '../access/facts.ts';
import { seeWholeIncident, withVisibleReferences } from '../access/incident.ts';
import { SeamError } from '../domain/errors.ts';
import type { HistoryEntry } from '../domain/history-entry.ts';
import type { Incident } from '../domain/incident.ts';
import { recordChanges } from '../store/change-log.ts';
import { incidentFromSnapshot } from '../store/incident-snapshot.ts';
import { findIncident } from '../store/incidents.ts';
import type { Store } from '../store/store.ts';
import { findUserById } from '../store/users.ts';
import type { Actor } from './actor.ts';
import { referencedIncidents } from './incident-reads.ts';

export type { HistoryEntry } from '../domain/history-entry.ts';

/**
 * Every version of an incident — who, when, which fields, old and new values — read from the
 * change log, in the form `present` gives. Only for users who may see the whole record: a tearline
 * never comes with history.
 */
export function incidentHistory<W extends Record<string, unknown>>(
  store: Store,
  actor: Actor,
  id: string,
  present: (i: Incident) => W,
): HistoryEntry[] {
  const current = findIncident(store.db, id);
  const facts = accessFacts(store);
  const referenced = referencedIncidents(store);
  if (!current || !seeWholeIncident(actor, current, facts, referenced)) {
    throw new SeamError('not_found', `no incident ${id}`);
  }
  const names = new Map<string, string | null>();
  const nameOf = (userId: string | null) => {
    if (userId === null) return null;
    if (!names.has(userId)) names.set(userId, findUserById(store.db, userId)?.username ?? null);
    return names.get(userId) ?? null;
  };
  let previous: W | null = null;
  return recordChanges(store.db, 'incident', id).map((entry) => {
    const snapshot = entry.data === null ? null : incidentFromSnapshot(entry.data);
    const wire = snapshot === null ? null : present(withVisibleReferences(actor, snapshot, facts, referenced));
    const changes: HistoryEntry['changes'] = [];
    if (previous && wire) {
      for (const field of Object.keys(wire)) {
        if (field === 'updated_at' || field === 'version') continue;
        if (JSON.stringify(previous[field]) !== JSON.stringify(wire[field])) {
          changes.push({ field, old: previous[field], new: wire[field] });
        }
      }
    }
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
