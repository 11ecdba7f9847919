import type { Incident } from '../domain/incident.ts';
import { type IncidentCursor, queryIncidents } from '../store/incident-queries.ts';
import { updateIncident } from '../store/incidents.ts';
import type { Store } from '../store/store.ts';
import { enrich, enrichmentContext } from './enrichment.ts';

export interface ReenrichSummary {
  checked: number;
  changed: number;
}

/**
 * Recomputes the enrichment of every incident (after boundaries, the line, AORs or presence
 * changed) and writes, through the write path, those whose enrichment or JCC differs. Works in
 * batches of a thousand, each its own transaction, so a long run never holds the writer for long.
 */
export function reenrichIncidents(
  store: Store,
  actorId: string | null,
  onProgress?: (checked: number) => void,
): ReenrichSummary {
  const summary: ReenrichSummary = { checked: 0, changed: 0 };
  let cursor: IncidentCursor | null = null;
  for (;;) {
    const batch = queryIncidents(store.db, {}, cursor, 1000);
    if (batch.length === 0) break;
    store.writes.write(actorId, (tx) => {
      const ctx = enrichmentContext(store);
      for (const i of batch) {
        const fresh = enrich(store, ctx, i);
        if (fresh.jcc === i.jcc && JSON.stringify(fresh.enrichment) === JSON.stringify(i.enrichment)) continue;
        const after: Incident = { ...i, ...fresh, updatedAt: tx.at, version: i.version + 1 };
        updateIncident(tx, after, { action: 'incident.enrich' });
        summary.changed++;
      }
    });
    summary.checked += batch.length;
    onProgress?.(summary.checked);
    const last = batch[batch.length - 1];
    cursor = { time: last.time, id: last.id };
  }
  return summary;
}
