import { useEffect, useRef } from 'react';
import type { SeenIncident } from '../api/types.ts';

export interface LiveChange {
  seq: number;
  op: 'create' | 'update' | 'delete';
  at: string;
  record: SeenIncident;
}

/**
 * Follows the live stream of incident changes from change-log position `after` onward (the position read before
 * the picture was loaded, so nothing committed in between is missed). The browser reconnects by itself and resumes
 * from the last event it received.
 */
export function useLiveIncidents(
  after: number | null,
  onChange: (c: LiveChange) => void,
  onState?: (open: boolean) => void,
): void {
  const handler = useRef(onChange);
  handler.current = onChange;
  const state = useRef(onState);
  state.current = onState;
  useEffect(() => {
    if (after === null) return;
    const source = new EventSource(`/api/v1/stream?after=${after}`);
    source.addEventListener('incident', (e) => {
      try {
        handler.current(JSON.parse((e as MessageEvent<string>).data) as LiveChange);
      } catch {
        // A malformed event is skipped; the next one still arrives.
      }
    });
    source.onopen = () => state.current?.(true);
    source.onerror = () => state.current?.(false);
    return () => source.close();
  }, [after]);
}
