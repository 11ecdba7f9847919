import { SeamError } from '../../domain/errors.ts';

/** Counts open live streams per user, so one user cannot hold every connection a server has. */
export class StreamSlots {
  readonly #open = new Map<string, number>();
  readonly #max: number;

  constructor(maxPerUser: number) {
    this.#max = maxPerUser;
  }

  /** Takes a slot for `userId` or throws `rate_limited`; the returned function gives it back (once). */
  acquire(userId: string): () => void {
    const count = this.#open.get(userId) ?? 0;
    if (count >= this.#max) throw new SeamError('rate_limited', `at most ${this.#max} open streams per user`);
    this.#open.set(userId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#open.get(userId) ?? 1) - 1;
      if (left <= 0) this.#open.delete(userId);
      else this.#open.set(userId, left);
    };
  }
}
