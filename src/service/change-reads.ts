import { accessFacts } from '../access/facts.ts';
import type { ReferencedIncidents } from '../access/incident.ts';
import type { AccessFacts } from '../access/policy.ts';
import type { ChangeLogEntry } from '../store/change-log.ts';
import { incidentFromSnapshot } from '../store/incident-snapshot.ts';
import type { Store } from '../store/store.ts';
import { referencedIncidents, tearlineGridKm } from './incident-reads.ts';
import { linkedIncidentsOfChanges } from './support-request-reads.ts';

export interface ChangeReadContext {
  facts: AccessFacts;
  gridKm: number;
  referenced: ReferencedIncidents;
}

/** What deciding who may see a batch of committed changes needs, gathered once for the batch. */
export async function changeReadContext(store: Store, entries: readonly ChangeLogEntry[]): Promise<ChangeReadContext> {
  const incidents = entries
    .filter((e) => e.recordType === 'incident' && e.data !== null)
    .map((e) => incidentFromSnapshot(e.data));
  const referenced = await referencedIncidents(store, incidents);
  const linked = await linkedIncidentsOfChanges(store, entries);
  return {
    facts: await accessFacts(store),
    gridKm: await tearlineGridKm(store),
    referenced: (id) => referenced(id) ?? linked(id),
  };
}
