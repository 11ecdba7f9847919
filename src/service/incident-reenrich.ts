import type { Incident } from '../domain/incident.ts';
import type { IncidentCursor } from '../store/incidents.ts';
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
export async function reenrichIncidents(
  store: Store,
  actorId: string | null,
  onProgress?: (checked: number) => void,
): Promise<ReenrichSummary> {
  const summary: ReenrichSummary = { checked: 0, changed: 0 };
  let cursor: IncidentCursor | null = null;
  for (;;) {
    const ctx = await enrichmentContext(store);
    // The batch is read inside its transaction, so no concurrent correction is overwritten.
    const batch = await store.write(actorId, async (tx) => {
      const rows = await tx.incidents.query({}, cursor, 1000);
      for (const i of rows) {
        const fresh = await enrich(tx, ctx, i);
        if (fresh.jcc === i.jcc && JSON.stringify(fresh.enrichment) === JSON.stringify(i.enrichment)) continue;
        const after: Incident = { ...i, ...fresh, updatedAt: tx.at, version: i.version + 1 };
        await tx.incidents.update(after, { action: 'incident.enrich' });
        summary.changed++;
      }
      return rows;
    });
    if (batch.length === 0) break;
    summary.checked += batch.length;
    onProgress?.(summary.checked);
    const last = batch[batch.length - 1];
    cursor = { time: last.time, id: last.id };
  }
  return summary;
}
