import type { ConflictSharing } from '../access/activity.ts';
import type { AlertSubjects } from '../access/alert.ts';
import { accessFacts } from '../access/facts.ts';
import type { ReferencedIncidents } from '../access/incident.ts';
import type { AccessFacts } from '../access/policy.ts';
import type { Activity } from '../domain/activity.ts';
import { recordTypes } from '../domain/records/registry.ts';
import type { ChangeLogEntry } from '../store/change-log.ts';
import { incidentFromSnapshot } from '../store/incident-snapshot.ts';
import type { Store } from '../store/store.ts';
import { conflictSharingOf } from './activity-reads.ts';
import { alertSubjects } from './alert-reads.ts';
import { referencedIncidents, tearlineGridKm } from './incident-reads.ts';
import { linkedIncidents, linkedIncidentsOfChanges } from './support-request-reads.ts';

export interface ChangeReadContext {
  facts: AccessFacts;
  gridKm: number;
  referenced: ReferencedIncidents;
  conflictSharing: ConflictSharing;
  subjects: AlertSubjects;
}

/** What deciding who may see a batch of committed changes needs, gathered once for the batch. */
export async function changeReadContext(store: Store, entries: readonly ChangeLogEntry[]): Promise<ChangeReadContext> {
  const incidents = entries
    .filter((e) => e.recordType === 'incident' && e.data !== null)
    .map((e) => incidentFromSnapshot(e.data));
  const alerts = entries
    .filter((e) => e.recordType === 'alert' && e.data !== null)
    .map((e) => recordTypes.alert.fromLog(e.data));
  const about = await alertSubjects(store, alerts);
  const referenced = await referencedIncidents(store, [...incidents, ...about.incidents]);
  const linked = await linkedIncidentsOfChanges(store, entries);
  const linkedByAlerts = await linkedIncidents(store, about.requests);
  return {
    facts: await accessFacts(store),
    gridKm: await tearlineGridKm(store),
    referenced: (id) => referenced(id) ?? linked(id) ?? linkedByAlerts(id),
    conflictSharing: await conflictSharingOf(store, [
      ...entries.filter((e) => e.recordType === 'activity' && e.data !== null).map((e) => e.data as Activity),
      ...about.activities,
    ]),
    subjects: about.subjects,
  };
}
