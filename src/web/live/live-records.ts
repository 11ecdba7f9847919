import { useEffect, useRef } from 'react';

/** One change of a streamed record, as `/api/v1/stream` sends it. */
export interface LiveRecordChange<T> {
  seq: number;
  op: 'create' | 'update' | 'delete';
  at: string;
  record: T;
}

/**
 * Follows the live stream for the named record types (event names) from change-log position `after` onward,
 * handing each change on as it arrives. A position read before the panels loaded means nothing committed in
 * between is missed; what is replayed is told apart by the record's version. The browser reconnects by itself
 * and resumes from the last event it received.
 */
export function useLiveRecords(
  after: number | null,
  handlers: Record<string, (change: LiveRecordChange<unknown>) => void>,
): void {
  const current = useRef(handlers);
  current.current = handlers;
  const events = Object.keys(handlers).sort().join(',');
  useEffect(() => {
    if (after === null || events === '') return;
    const source = new EventSource(`/api/v1/stream?after=${after}`);
    for (const event of events.split(',')) {
      source.addEventListener(event, (e) => {
        let change: LiveRecordChange<unknown>;
        try {
          change = JSON.parse((e as MessageEvent<string>).data) as LiveRecordChange<unknown>;
        } catch {
          // A malformed event is skipped; the next one still arrives.
          return;
        }
        current.current[event]?.(change);
      });
    }
    return () => source.close();
  }, [after, events]);
}
