/**
 * Work from TAK clients that must reach the database one job at a time, in the order it came, with a bounded
 * backlog: a client cannot queue unbounded work on the database.
 */
export class SerialQueue {
  readonly #maxBacklog: number;
  #chain: Promise<void> = Promise.resolve();
  #backlog = 0;

  constructor(maxBacklog: number) {
    this.#maxBacklog = maxBacklog;
  }

  /** Queues `job` after those before it; false when the backlog is full (the job is dropped). A failed job goes to `onError`. */
  push(job: () => Promise<void>, onError: (err: unknown) => void): boolean {
    if (this.#backlog >= this.#maxBacklog) return false;
    this.#backlog++;
    this.#chain = this.#chain
      .then(job)
      .catch(onError)
      .finally(() => {
        this.#backlog--;
      });
    return true;
  }

  /** Resolves once every job queued so far has run (or failed). */
  async idle(): Promise<void> {
    while (this.#backlog > 0) await this.#chain;
  }
}
