/**
 * A client's bounded queue of frames to write. Position reports are dropped oldest first once the
 * queue holds `cap` frames (a newer report of a unit supersedes an older one); other events are
 * kept up to `hardCap`, past which the client is too far behind to be served. Frames leave in the
 * order they came.
 */
import type { OutFrame } from './out-frame.ts';

interface Entry {
  seq: number;
  frame: OutFrame;
}

/** A FIFO with O(1) shift, compacted now and then. */
class Fifo {
  items: Entry[] = [];
  head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  push(e: Entry): void {
    this.items.push(e);
  }
  peek(): Entry | undefined {
    return this.items[this.head];
  }
  shift(): Entry | undefined {
    const e = this.items[this.head];
    if (e === undefined) return undefined;
    this.items[this.head++] = undefined as unknown as Entry;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return e;
  }
  clear(): void {
    this.items = [];
    this.head = 0;
  }
}

export type EnqueueResult = 'queued' | 'dropped_oldest' | 'dropped' | 'overflow';

export class OutboundQueue {
  readonly cap: number;
  readonly hardCap: number;
  readonly #positions = new Fifo();
  readonly #others = new Fifo();
  #seq = 0;

  constructor(cap: number, hardCap: number) {
    this.cap = cap;
    this.hardCap = Math.max(cap, hardCap);
  }

  get length(): number {
    return this.#positions.length + this.#others.length;
  }

  /**
   * Adds a frame: `dropped_oldest` when an older position report made room, `dropped` when a
   * position report found the queue full of other events, `overflow` when an event other than a
   * position would pass the hard cap (the caller disconnects the client).
   */
  push(frame: OutFrame): EnqueueResult {
    let result: EnqueueResult = 'queued';
    if (this.length >= this.cap) {
      if (this.#positions.length > 0) {
        this.#positions.shift();
        result = 'dropped_oldest';
      } else if (frame.droppable) {
        return 'dropped';
      } else if (this.length >= this.hardCap) {
        return 'overflow';
      }
    }
    (frame.droppable ? this.#positions : this.#others).push({ seq: this.#seq++, frame });
    return result;
  }

  /** Takes frames in order until about `maxBytes` of the given encoding are taken. */
  take(encode: (frame: OutFrame) => Buffer, maxBytes: number): { chunks: Buffer[]; frames: OutFrame[]; bytes: number } {
    const chunks: Buffer[] = [];
    const frames: OutFrame[] = [];
    let bytes = 0;
    while (bytes < maxBytes) {
      const p = this.#positions.peek();
      const o = this.#others.peek();
      const from = p && (!o || p.seq < o.seq) ? this.#positions : o ? this.#others : null;
      if (!from) break;
      const { frame } = from.shift()!;
      const b = encode(frame);
      chunks.push(b);
      frames.push(frame);
      bytes += b.length;
    }
    return { chunks, frames, bytes };
  }

  clear(): void {
    this.#positions.clear();
    this.#others.clear();
  }
}
