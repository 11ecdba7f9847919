import type { ChangeLogEntry } from '../../store/change-log.ts';
import type { Store } from '../../store/store.ts';

const batch = 500;

/** The newest change-log sequence number: where a stream that names no resume point starts. */
export function presentSeq(store: Store): Promise<number> {
  return store.changeLog.lastSeq();
}

export interface ChangePumpOptions<T> {
  store: Store;
  /** The last sequence number the reader already has. */
  after: number;
  /**
   * Called for every batch read: gathers what deciding on these entries needs and returns how this
   * reader is shown one entry, or null when the reader may not see it. A fresh presenter per batch
   * picks up changed access facts.
   */
  presenter: (entries: ChangeLogEntry[]) => Promise<(entry: ChangeLogEntry) => T | null>;
  /** Sends one presented change; returns false when the transport is full and must drain first. */
  send: (seq: number, item: T) => boolean;
  /** Calls `resume` once the transport has drained. */
  onDrain: (resume: () => void) => void;
  /** Re-checked at every heartbeat: when it answers false the stream ends. */
  stillValid: () => Promise<boolean>;
  heartbeat: { everyMs: number; send: () => void };
  /** Ends the transport (e.g. closes the socket); `stop` follows from the transport's close. */
  end: () => void;
  /** Told of a failed read; the stream ends. */
  onError: (err: unknown) => void;
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
  let blocked = false;
  // Rounds run one at a time; a change heard while a round reads asks for one more round.
  let wanted = false;
  let running = false;
  const round = async () => {
    for (;;) {
      const entries = await o.store.changeLog.after(cursor, batch);
      if (closed || entries.length === 0) return;
      const present = await o.presenter(entries);
      if (closed) return;
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
  const drive = async () => {
    try {
      while (wanted && !closed && !blocked) {
        wanted = false;
        await round();
      }
    } catch (err) {
      closed = true;
      o.onError(err);
      o.end();
    } finally {
      running = false;
    }
  };
  const schedule = () => {
    if (closed) return;
    wanted = true;
    if (running) return;
    running = true;
    setImmediate(() => void drive());
  };
  const off = o.store.bus.subscribe(schedule);
  const heartbeat = setInterval(() => {
    o.stillValid().then(
      (valid) => {
        if (closed) return;
        if (!valid) {
          o.end();
          return;
        }
        o.heartbeat.send();
        schedule();
      },
      (err) => {
        o.onError(err);
        o.end();
      },
    );
  }, o.heartbeat.everyMs);
  schedule();
  return () => {
    if (closed) return;
    closed = true;
    off();
    clearInterval(heartbeat);
  };
}
