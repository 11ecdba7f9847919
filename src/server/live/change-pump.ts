import { type ChangeLogEntry, changesAfter, lastSeq } from '../../store/change-log.ts';
import type { Store } from '../../store/store.ts';

const batch = 500;

/** The newest change-log sequence number: where a stream that names no resume point starts. */
export function presentSeq(store: Store): number {
  return lastSeq(store.db);
}

export interface ChangePumpOptions<T> {
  store: Store;
  /** The last sequence number the reader already has. */
  after: number;
  /**
   * Called at the start of every round: returns how this reader is shown one entry, or null when
   * the reader may not see it. A fresh presenter per round picks up changed access facts.
   */
  presenter: () => (entry: ChangeLogEntry) => T | null;
  /** Sends one presented change; returns false when the transport is full and must drain first. */
  send: (seq: number, item: T) => boolean;
  /** Calls `resume` once the transport has drained. */
  onDrain: (resume: () => void) => void;
  /** Re-checked at every heartbeat: when it returns false the stream ends. */
  stillValid: () => boolean;
  heartbeat: { everyMs: number; send: () => void };
  /** Ends the transport (e.g. closes the socket); `stop` follows from the transport's close. */
  end: () => void;
}

/**
 * Delivers every committed change after `after`, in commit order, to one reader: reads the change
 * log in batches whenever the bus says something was committed (and at each heartbeat), skips what
 * the reader may not see, and waits when the transport pushes back. Transport-agnostic, so the SSE
 * route and a TAK server share it. Returns `stop`, to call when the transport closes.
 */
export function startChangePump<T>(o: ChangePumpOptions<T>): () => void {
  let cursor = o.after;
  let closed = false;
  let scheduled = false;
  let blocked = false;
  const pump = () => {
    scheduled = false;
    if (closed || blocked) return;
    const present = o.presenter();
    for (;;) {
      const entries = changesAfter(o.store.db, cursor, batch);
      for (const entry of entries) {
        cursor = entry.seq;
        const item = present(entry);
        if (item === null) continue;
        if (!o.send(entry.seq, item)) {
          blocked = true;
          o.onDrain(() => {
            blocked = false;
            schedule();
          });
          return;
        }
      }
      if (entries.length < batch) return;
    }
  };
  const schedule = () => {
    if (scheduled || closed) return;
    scheduled = true;
    setImmediate(pump);
  };
  const off = o.store.bus.subscribe(schedule);
  const heartbeat = setInterval(() => {
    if (!o.stillValid()) {
      o.end();
      return;
    }
    o.heartbeat.send();
    schedule();
  }, o.heartbeat.everyMs);
  schedule();
  return () => {
    if (closed) return;
    closed = true;
    off();
    clearInterval(heartbeat);
  };
}
