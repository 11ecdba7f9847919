import { useEffect, useRef } from 'react';
import type { SeenIncident } from '../api/types.ts';

export interface LiveChange {
  seq: number;
  op: 'create' | 'update' | 'delete';
  at: string;
  record: SeenIncident;
}

/** The changes that arrived together, in commit order; `seq` is the last one's, so each batch is told apart. */
export interface LiveBatch {
  seq: number;
  changes: LiveChange[];
}

/** How long changes are gathered before they are shown: a burst (an import) is drawn once, not once per record. */
export const liveBatchMs = 150;

/**
 * Follows the live stream of incident changes from change-log position `after` onward (the position read before
 * the picture was loaded, so nothing committed in between is missed), handing them on in batches. The browser
 * reconnects by itself and resumes from the last event it received.
 */
export function useLiveIncidents(
  after: number | null,
  onBatch: (b: LiveBatch) => void,
  onState?: (open: boolean) => void,
): void {
  const handler = useRef(onBatch);
  handler.current = onBatch;
  const state = useRef(onState);
  state.current = onState;
  useEffect(() => {
    if (after === null) return;
    let pending: LiveChange[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const changes = pending;
      pending = [];
      if (changes.length) handler.current({ seq: changes[changes.length - 1].seq, changes });
    };
    const source = new EventSource(`/api/v1/stream?after=${after}`);
    source.addEventListener('incident', (e) => {
      try {
        pending.push(JSON.parse((e as MessageEvent<string>).data) as LiveChange);
      } catch {
        // A malformed event is skipped; the next one still arrives.
        return;
      }
      timer ??= setTimeout(flush, liveBatchMs);
    });
    source.onopen = () => state.current?.(true);
    source.onerror = () => state.current?.(false);
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [after]);
}

/** The latest version of each record a batch carries, the most recently changed first. */
export function latestRecords(b: LiveBatch): SeenIncident[] {
  const byId = new Map<string, SeenIncident>();
  for (const c of b.changes) {
    byId.delete(c.record.id);
    byId.set(c.record.id, c.record);
  }
  return [...byId.values()].reverse();
}
